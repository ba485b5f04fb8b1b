import path from 'node:path';
import type { PermissionsService } from '@backstage/backend-plugin-api';
import type { ActionContext } from '@backstage/plugin-scaffolder-node';
import type { JsonObject } from '@backstage/types';
import type { TerraformRunConfig } from '../config';
import { resolveBinary } from '../binary/resolveBinary';
import { satisfiesVersion } from '../binary/versionConstraint';
import { Redactor } from '../run/redactor';
import { findSensitiveVariables } from '../run/sensitiveVariables';
import { TerraformCli } from '../run/terraformCli';
import { maskOutputs, maskPlan } from '../run/sensitive';
import { planDigest } from '../run/planDigest';
import { applyPlan, summarize, type Summary } from './applyPlan';
import { authorizeRun } from './authorizeRun';
import { prepareRun, type RunInput } from './prepareRun';

export interface RunDependencies {
  config: TerraformRunConfig;
  permissions: PermissionsService;
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
  if (mutating) {
    await authorizeRun(
      deps.permissions,
      await ctx.getInitiatorCredentials(),
      run.operation as 'apply' | 'destroy',
    );
  }

  const redactor = new Redactor();
  redactor.add(Object.values(ctx.secrets ?? {}));
  redactor.add(run.secretValues);
  for (const name of await findSensitiveVariables(run.cwd))
    redactor.add(run.variables[name]);

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

  // `init -json` exists from Terraform 1.9; older CLIs print plain text, which is logged as is.
  const initJson =
    cliName === 'terraform' && satisfiesVersion(binary.version, '>= 1.9');
  await cli.run([
    'init',
    '-input=false',
    ...(initJson ? ['-json'] : ['-no-color']),
    ...run.initArgs,
  ]);

  const planFile = path.join(
    await ctx.createTemporaryDirectory(),
    'terraform.tfplan',
  );
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
      summary = await applyPlan(ctx, cli, run, planFile, planSummary, redactor);
    }
  }
  ctx.output('summary', summary);

  if (dryRun) {
    ctx.output('outputs', {});
    return;
  }
  const outputResult = await cli.run(['output', '-json'], { collect: true });
  const outputs = maskOutputs(
    parseJson(outputResult.stdout, `${cliName} output -json`),
  );
  redactor.add(outputs.sensitiveValues);
  ctx.output('outputs', redactor.redactDeep(outputs.outputs));
}
