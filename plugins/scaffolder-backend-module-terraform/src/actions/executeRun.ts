import fs from 'node:fs';
import path from 'node:path';
import type {
  AuditorService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type { ActionContext } from '@backstage/plugin-scaffolder-node';
import type { JsonObject } from '@backstage/types';
import {
  CONFIG_KEYS,
  Redactor,
  resolveBinary,
  satisfiesVersion,
  TerraformCli,
  type TerraformRunConfig,
} from '@edp/plugin-terraform-node';
import { requireInitiatorPermission } from '@edp/plugin-scaffolder-edp-node';
import {
  terraformRunApplyPermission,
  terraformRunDestroyPermission,
  terraformRunPlanPermission,
} from '../permissions';
import { findSensitiveVariables } from '../run/sensitiveVariables';
import { releaseKilledLock } from '../run/releaseKilledLock';
import type { ApprovalLedger } from '../state/approvals';
import {
  kubernetesRunRecorder,
  recordQuietly,
  type RunRecorder,
} from '../state/runRecord';
import {
  chooseStateLocation,
  initializedBackendType,
  type StateLocation,
} from '../state/stateBackend';
import { maskOutputs, maskPlan } from '../run/sensitive';
import { planDigest } from '../run/planDigest';
import { applyPlan, summarize, type Summary } from './applyPlan';
import { prepareRun, type RunInput } from './prepareRun';

export interface RunDependencies {
  config: TerraformRunConfig;
  permissions: PermissionsService;
  approvals: ApprovalLedger;
  auditor?: AuditorService;
  /** Records apply and destroy runs beside the state; default: the kubernetes backend's record. */
  recordRun?: RunRecorder;
}

type RunContext = ActionContext<any, any>;

function parseJson(text: string, what: string): JsonObject {
  try {
    const value = JSON.parse(text || '{}');
    if (value && typeof value === 'object' && !Array.isArray(value))
      return value;
  } catch {
    // fall through
  }
  throw new Error(`${what} did not print a JSON object`);
}

/** The state's name when the template gives none: the template's name and the module folder. */
function defaultStateKey(ctx: RunContext, relativeDir: string): string {
  const template = (ctx.templateInfo?.entityRef ?? 'template').replace(
    /^.*[:/]/,
    '',
  );
  return `${template}-${relativeDir}`
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .replace(/-(\d+)$/, '-n$1');
}

/** Refuses, before anything runs, an apply whose state would be deleted with the task. */
function requireLastingState(
  location: StateLocation,
  operation: string,
  ephemeralState: boolean,
) {
  if (location.kind !== 'ephemeral' || ephemeralState) return;
  throw new InputError(
    `${operation} refused: the state would live in the task workspace, which is deleted when the task ends, ` +
      `so a later run could neither see nor destroy what this one creates. Configure ${CONFIG_KEYS.stateBackend} ` +
      `(the portal's default remote backend), declare a remote backend in the module, or set ephemeralState: true to accept a throw-away state.`,
  );
}

/** init → plan → (apply | destroy) → output, as described in the action's README. */
export async function executeRun(
  ctx: RunContext,
  deps: RunDependencies,
): Promise<void> {
  const input = ctx.input as RunInput;
  const run = prepareRun(input, {
    workspacePath: ctx.workspacePath,
    secrets: ctx.secrets,
  });
  const dryRun = Boolean(ctx.isDryRun);
  const mutating = !dryRun && run.operation !== 'plan';
  // A plan runs provider code (data sources, provider configuration): checked in dry-run too.
  const credentials = await ctx.getInitiatorCredentials();
  await requireInitiatorPermission(
    deps.permissions,
    credentials,
    terraformRunPlanPermission,
    'plan with Terraform',
  );
  if (mutating) {
    await requireInitiatorPermission(
      deps.permissions,
      credentials,
      run.operation === 'destroy'
        ? terraformRunDestroyPermission
        : terraformRunApplyPermission,
      `${run.operation} with Terraform`,
    );
  }
  const location = chooseStateLocation({
    moduleDir: run.cwd,
    workspace: run.workspace,
    stateKey: input.stateKey ?? defaultStateKey(ctx, run.relativeDir),
    ephemeralState: run.ephemeralState,
    backendConfig: run.backendConfig,
    defaultBackend: deps.config.stateBackend,
  });
  if (mutating)
    requireLastingState(location, run.operation, run.ephemeralState);
  Object.assign(run.env, location.env);
  ctx.output('stateLocation', location.key);

  const redactor = new Redactor();
  redactor.add(Object.values(ctx.secrets ?? {}));
  redactor.add(run.secretValues);
  redactor.add(location.secrets);
  const sensitiveNames = await findSensitiveVariables(run.cwd);
  for (const name of sensitiveNames) redactor.add(run.variables[name]);

  const binary = await resolveBinary(deps.config, run.env);
  const cliName = deps.config.flavor;
  const cli = new TerraformCli({
    binary: binary.path,
    cli: cliName,
    cwd: run.cwd,
    env: run.env,
    logger: ctx.logger,
    redactor,
    signal: ctx.signal,
    gracePeriodMs: deps.config.cancelGracePeriodMs,
    workspace: run.workspace,
  });
  const where = `${run.relativeDir}${
    run.workspace ? ` (workspace ${run.workspace})` : ''
  }`;
  ctx.logger.info(
    `${cliName} ${binary.version}: ${run.operation} in ${where}${
      dryRun ? ', dry-run: plan only' : ''
    }`,
  );
  ctx.logger.info(
    location.kind === 'ephemeral'
      ? 'State: in the task workspace (ephemeral; deleted with the task).'
      : `State: ${location.key}`,
  );

  // `init -json` exists from Terraform 1.9; older CLIs print plain text, which is logged as is.
  const initJson =
    cliName === 'terraform' && satisfiesVersion(binary.version, '>= 1.9');
  await cli.run([
    'init',
    '-input=false',
    ...(initJson ? ['-json'] : ['-no-color']),
    ...run.initArgs,
    ...location.initArgs,
  ]);
  if (
    mutating &&
    !run.ephemeralState &&
    initializedBackendType(run.cwd) === 'local'
  ) {
    requireLastingState(
      { ...location, kind: 'ephemeral' },
      run.operation,
      false,
    );
  }

  // The saved plan holds variable values in plain text (sensitive ones too): removed however the run ends.
  const planDir = await ctx.createTemporaryDirectory();
  const startedAt = new Date();
  const record = (
    result: 'succeeded' | 'failed',
    summary?: Summary,
  ): Promise<void> | undefined => {
    if (!mutating) return undefined;
    const variables = Object.fromEntries(
      Object.entries(run.variables).filter(
        ([name]) => !sensitiveNames.has(name),
      ),
    );
    return recordQuietly(
      deps.recordRun ?? kubernetesRunRecorder(deps.config.stateBackend),
      ctx.logger,
      location,
      {
        operation: run.operation as 'apply' | 'destroy',
        result,
        ...(ctx.user?.ref ? { actor: ctx.user.ref } : {}),
        startedAt: startedAt.toISOString(),
        finishedAt: new Date().toISOString(),
        taskId: ctx.task.id,
        ...(summary ? { summary } : {}),
        ...(ctx.templateInfo?.entityRef
          ? { template: ctx.templateInfo.entityRef }
          : {}),
      },
      // The drift check plans with these; a failed or destroy run does not replace them.
      result === 'succeeded' && run.operation === 'apply'
        ? variables
        : undefined,
    );
  };
  try {
    const summary = await planAndApply(ctx, deps, {
      run,
      cli,
      redactor,
      location,
      dryRun,
      mutating,
      planFile: path.join(planDir, 'terraform.tfplan'),
    });
    await record('succeeded', summary);
  } catch (error) {
    if (cli.killed)
      await releaseKilledLock(cli.withoutSignal(), startedAt, ctx.logger);
    await record('failed');
    throw error;
  } finally {
    fs.rmSync(planDir, { recursive: true, force: true });
  }
}

interface RunParts {
  run: ReturnType<typeof prepareRun>;
  cli: TerraformCli;
  redactor: Redactor;
  location: StateLocation;
  dryRun: boolean;
  mutating: boolean;
  planFile: string;
}

async function planAndApply(
  ctx: RunContext,
  deps: RunDependencies,
  parts: RunParts,
): Promise<Summary> {
  const { run, cli, redactor, location, dryRun, mutating, planFile } = parts;
  const cliName = deps.config.flavor;
  const planned = await cli.run(
    [
      'plan',
      '-input=false',
      '-json',
      '-detailed-exitcode',
      `-out=${planFile}`,
      ...(run.operation === 'destroy' ? ['-destroy'] : []),
      ...run.planArgs,
    ],
    { okExitCodes: [0, 2] },
  );
  const hasChanges = planned.exitCode === 2;
  const planSummary = summarize(planned.changes, planned.planned);

  const shown = await cli.run(['show', '-json', planFile], { collect: true });
  const masked = maskPlan(parseJson(shown.stdout, `${cliName} show -json`));
  redactor.add(masked.sensitiveValues);
  const plan = redactor.redactDeep(masked.plan);
  const digest = planDigest(plan);
  ctx.logger.info(
    `Plan digest ${digest} (pass it as approvedPlanDigest to apply exactly this plan).`,
  );
  ctx.output('hasChanges', hasChanges);
  ctx.output('planDigest', digest);
  ctx.output('plan', plan);

  let summary: Summary = planSummary;
  if (mutating) {
    if (run.approvedPlanDigest && run.approvedPlanDigest !== digest) {
      throw new Error(
        `The plan changed since it was approved (approved ${run.approvedPlanDigest}, now ${digest}); nothing was applied. Review the new plan and approve it.`,
      );
    }
    if (!hasChanges) {
      ctx.logger.info(`No changes: nothing to ${run.operation}.`);
      summary = { add: 0, change: 0, destroy: 0 };
    } else {
      if (run.approvedPlanDigest) {
        await deps.approvals.consume(location.key, digest, ctx.task.id);
      }
      summary = await audited(ctx, deps, parts, digest, () =>
        applyPlan(ctx, cli, run, planFile, planSummary, redactor),
      );
    }
  }
  ctx.output('summary', summary);

  if (dryRun) {
    ctx.output('outputs', {});
    return summary;
  }
  const outputResult = await cli.run(['output', '-json'], { collect: true });
  const outputs = maskOutputs(
    parseJson(outputResult.stdout, `${cliName} output -json`),
  );
  redactor.add(outputs.sensitiveValues);
  ctx.output('outputs', redactor.redactDeep(outputs.outputs));
  return summary;
}

/** Apply and destroy go to the audit log: who, what, which state, and the outcome. */
async function audited(
  ctx: RunContext,
  deps: RunDependencies,
  parts: RunParts,
  digest: string,
  fn: () => Promise<Summary>,
): Promise<Summary> {
  const event = await deps.auditor?.createEvent({
    eventId: 'terraform-run',
    severityLevel: parts.run.operation === 'destroy' ? 'high' : 'medium',
    meta: {
      operation: parts.run.operation,
      actor: ctx.user?.ref ?? 'unknown',
      state: parts.location.key,
      workingDirectory: parts.run.relativeDir,
      planDigest: digest,
      taskId: ctx.task.id,
      template: ctx.templateInfo?.entityRef ?? 'unknown',
    },
  });
  try {
    const summary = await fn();
    await event?.success({ meta: { ...summary } });
    return summary;
  } catch (error) {
    await event?.fail({ error: error as Error });
    throw error;
  }
}
