/** `plan`: shows the changes; `-out` saves them, `-detailed-exitcode` exits 2 when there are changes. */
import path from 'node:path';
import { parseFlags } from '../cli/args';
import { type CommandContext, createView } from '../cli/context';
import { TfError } from '../diagnostics';
import { planHasChanges, refreshState } from '../engine/plan';
import { readState } from '../state/stateFile';
import { writePlanFile } from '../engine/planFile';
import { countChanges } from '../engine/types';
import { loadModule } from '../module/config';
import {
  assertInitialized,
  replaceAddrs,
  loadVariables,
  OPERATION_FLAGS,
  planAgainstState,
  selectedWorkspace,
  withStateLock,
} from './operation';
import { reportError } from './report';

const FLAGS = {
  ...OPERATION_FLAGS,
  destroy: 'bool',
  'detailed-exitcode': 'bool',
  out: 'string',
  'refresh-only': 'bool',
} as const;

export async function planCommand(
  ctx: CommandContext,
  args: string[],
): Promise<number> {
  const flags = parseFlags(args, FLAGS, 'plan', ctx.flavor.command);
  const view = createView(ctx, flags.bools.json === true);
  try {
    if (flags.positional.length) {
      throw new TfError(
        'Too many command line arguments',
        'To specify a working directory for the plan, use the global -chdir flag.',
      );
    }
    const config = await loadModule(ctx.layout.cwd);
    assertInitialized(ctx, config);
    const vars = await loadVariables(config, ctx, flags, view);
    const ws = selectedWorkspace(ctx);
    const destroy = flags.bools.destroy === true;
    if (flags.bools['refresh-only']) {
      if (destroy || flags.strings.out || flags.bools.refresh === false)
        throw new TfError(
          'Unsupported option',
          'The sandbox stand-in supports -refresh-only without -destroy, -out and -refresh=false.',
        );
      // Drift detection: read every object back and report what changed outside Terraform.
      return await withStateLock(
        ctx,
        flags,
        ws,
        'OperationTypePlan',
        async () => {
          const state = readState(ws.stateFile);
          const drifted = await refreshState(state, view, ctx.layout.cwd);
          view.refreshOnlySummary(drifted.length);
          return flags.bools['detailed-exitcode'] && drifted.length ? 2 : 0;
        },
      );
    }
    return await withStateLock(
      ctx,
      flags,
      ws,
      'OperationTypePlan',
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
        const { plan } = prepared;
        if (ctx.signal.aborted)
          throw new TfError('execution halted', 'The plan was interrupted.');
        view.plan(
          plan.changes,
          plan.outputs,
          countChanges(plan.changes),
          destroy ? 'destroy' : 'plan',
        );
        const out = flags.strings.out;
        if (out) {
          writePlanFile(path.resolve(ctx.layout.cwd, out), {
            terraformVersion: ctx.flavor.version,
            createdAt: new Date().toISOString(),
            workspace: ws.name,
            destroy,
            replace: replaceAddrs(flags),
            prior: prepared.prior,
            variables: vars.values,
            sensitiveVariables: [...vars.sensitive],
            sources: config.sources,
            changes: plan.changes,
            outputs: plan.outputs,
            errored: false,
          });
          if (!view.json) {
            view.log(
              `\nSaved the plan to: ${out}\n\nTo perform exactly these actions, run the following command to apply:\n    ${ctx.flavor.command} apply "${out}"`,
            );
          }
        } else if (
          !view.json &&
          !ctx.env.TF_IN_AUTOMATION &&
          planHasChanges(plan)
        ) {
          view.log(
            `\nNote: You didn't use the -out option to save this plan, so ${ctx.flavor.product} can't\nguarantee to take exactly these actions if you run "${ctx.flavor.command} apply" now.`,
          );
        }
        return flags.bools['detailed-exitcode'] && planHasChanges(plan) ? 2 : 0;
      },
    );
  } catch (e) {
    return reportError(view, e);
  }
}
