/**
 * `apply` (a saved plan, or plan-then-apply with -auto-approve or a typed "yes")
 * and `destroy` (= `apply -destroy`).
 */
import path from 'node:path';
import { parseFlags } from '../cli/args';
import { type CommandContext, createView } from '../cli/context';
import { TfError } from '../diagnostics';
import { applyPlan } from '../engine/apply';
import { planHasChanges } from '../engine/plan';
import { readPlanFile } from '../engine/planFile';
import { countChanges } from '../engine/types';
import { loadModule, loadModuleFromSources } from '../module/config';
import type { View } from '../ui/view';
import {
  assertInitialized,
  replaceAddrs,
  loadVariables,
  OPERATION_FLAGS,
  parallelismOf,
  planAgainstState,
  type PreparedPlan,
  selectedWorkspace,
  stateWriter,
  withStateLock,
  type Workspace,
} from './operation';
import { reportError } from './report';

const FLAGS = {
  ...OPERATION_FLAGS,
  'auto-approve': 'bool',
  destroy: 'bool',
  backup: 'string',
  'state-out': 'string',
} as const;

async function approve(
  ctx: CommandContext,
  view: View,
  flags: ReturnType<typeof parseFlags>,
  destroy: boolean,
): Promise<void> {
  if (flags.bools['auto-approve']) return;
  if (view.json || flags.bools.input === false) {
    throw new TfError(
      'Plan file or auto-approve required',
      `${ctx.flavor.product} cannot ask for interactive approval when ${
        view.json ? '-json' : '-input=false'
      } is set. You can either apply a saved plan file, or enable the -auto-approve option.`,
    );
  }
  const what = destroy
    ? 'Do you really want to destroy all resources?'
    : 'Do you want to perform these actions?';
  ctx.stdout(
    `\n${what}\n  ${ctx.flavor.product} will perform the actions described above.\n  Only 'yes' will be accepted to approve.\n\n  Enter a value: `,
  );
  const answer = (await ctx.readLine()).trim();
  if (answer !== 'yes')
    throw new TfError(destroy ? 'Destroy cancelled' : 'Apply cancelled', '');
}

async function execute(
  ctx: CommandContext,
  view: View,
  flags: ReturnType<typeof parseFlags>,
  ws: Workspace,
  prepared: PreparedPlan,
): Promise<number> {
  const { plan, input } = prepared;
  const result = await applyPlan(plan, input, prepared.working, {
    view,
    writer: stateWriter(ctx, ws),
    signal: ctx.signal,
    parallelism: parallelismOf(flags),
    cwd: ctx.layout.cwd,
  });
  result.diagnostics.forEach(d => view.diagnostic(d));
  if (result.interrupted) {
    view.diagnostic({
      severity: 'error',
      summary: 'execution halted',
      detail: `${ctx.flavor.product} was interrupted; the state holds what was applied before the interrupt.`,
    });
    return 1;
  }
  if (result.diagnostics.length) return 1;
  view.applySummary(result.counts, plan.destroy ? 'destroy' : 'apply');
  if (!plan.destroy) {
    const outputs = prepared.working.outputs;
    view.outputs(outputs);
  }
  return 0;
}

export async function applyCommand(
  ctx: CommandContext,
  args: string[],
  destroyCommand = false,
): Promise<number> {
  const name = destroyCommand ? 'destroy' : 'apply';
  const flags = parseFlags(args, FLAGS, name, ctx.flavor.command);
  const view = createView(ctx, flags.bools.json === true);
  try {
    const ws = selectedWorkspace(ctx);
    const [planFile, ...extra] = flags.positional;
    if (extra.length || (destroyCommand && planFile)) {
      throw new TfError(
        'Too many command line arguments',
        `Expected at most one positional argument (a saved plan file); use -chdir for a working directory.`,
      );
    }
    if (planFile) {
      if (flags.multi.some(m => m.name === 'var' || m.name === 'var-file')) {
        throw new TfError(
          "Can't set variables when applying a saved plan",
          'The -var and -var-file options cannot be used when applying a saved plan file, because a saved plan includes the variable values that were set when it was created.',
        );
      }
      const saved = readPlanFile(
        path.resolve(ctx.layout.cwd, planFile),
        ctx.flavor.command,
      );
      if (saved.workspace !== ws.name) {
        throw new TfError(
          'Saved plan is for a different workspace',
          `The given plan file was created for workspace "${saved.workspace}", but the current workspace is "${ws.name}".`,
        );
      }
      const config = await loadModuleFromSources(ctx.layout.cwd, saved.sources);
      return await withStateLock(
        ctx,
        flags,
        ws,
        'OperationTypeApply',
        async () => {
          const prepared = await planAgainstState(
            ctx,
            view,
            ws,
            {
              config,
              vars: saved.variables,
              sensitiveVars: new Set(saved.sensitiveVariables),
              workspace: ws.name,
              destroy: saved.destroy,
              replace: saved.replace ?? [],
            },
            false,
          );
          if (
            prepared.prior.lineage !== saved.prior.lineage ||
            prepared.prior.serial !== saved.prior.serial
          ) {
            throw new TfError(
              'Saved plan is stale',
              'The given plan file can no longer be applied because the state was changed by another operation after the plan was created.',
            );
          }
          return execute(ctx, view, flags, ws, prepared);
        },
      );
    }
    const config = await loadModule(ctx.layout.cwd);
    assertInitialized(ctx, config);
    const vars = await loadVariables(config, ctx, flags, view);
    const destroy = destroyCommand || flags.bools.destroy === true;
    return await withStateLock(
      ctx,
      flags,
      ws,
      'OperationTypeApply',
      async () => {
        const prepared = await planAgainstState(
          ctx,
          view,
          ws,
          {
            config,
            vars: vars.values,
            sensitiveVars: vars.sensitive,
            workspace: ws.name,
            destroy,
            replace: replaceAddrs(flags),
          },
          flags.bools.refresh !== false,
        );
        view.plan(
          prepared.plan.changes,
          prepared.plan.outputs,
          countChanges(prepared.plan.changes),
          destroy ? 'destroy' : 'plan',
        );
        if (planHasChanges(prepared.plan))
          await approve(ctx, view, flags, destroy);
        if (ctx.signal.aborted)
          throw new TfError(
            'execution halted',
            'The run was interrupted before any change was made.',
          );
        return execute(ctx, view, flags, ws, prepared);
      },
    );
  } catch (e) {
    return reportError(view, e);
  }
}
