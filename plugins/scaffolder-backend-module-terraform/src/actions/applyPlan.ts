import type { ActionContext } from '@backstage/plugin-scaffolder-node';
import {
  TerraformCli,
  TerraformCommandError,
  type ChangeCounts,
  type Redactor,
} from '@edp/plugin-terraform-node';
import type { PreparedRun } from './prepareRun';

/** Terraform's refusal to apply a saved plan after the state moved on. */
const isStalePlan = (d: { summary: string }) =>
  /saved plan is stale/i.test(d.summary);

export interface Summary {
  add: number;
  change: number;
  destroy: number;
}

const COUNTED: Record<string, keyof Summary> = {
  create: 'add',
  update: 'change',
  delete: 'destroy',
};

/** Counts from a change_summary message, else from the per-resource messages seen. */
export function summarize(
  changes: ChangeCounts | undefined,
  resources: Array<{ action: string }>,
): Summary {
  if (changes)
    return {
      add: changes.add,
      change: changes.change,
      destroy: changes.remove,
    };
  const summary: Summary = { add: 0, change: 0, destroy: 0 };
  for (const { action } of resources) {
    if (action === 'replace') {
      summary.add++;
      summary.destroy++;
    } else if (COUNTED[action]) {
      summary[COUNTED[action]]++;
    }
  }
  return summary;
}

/**
 * Applies the saved plan once per task: on a retry or recovery the checkpoint returns the
 * earlier result instead of applying again. A failure says what was applied; the state keeps it.
 */
export async function applyPlan(
  ctx: ActionContext<any, any>,
  cli: TerraformCli,
  run: PreparedRun,
  planFile: string,
  planned: Summary,
  redactor: Redactor,
): Promise<Summary> {
  const key = [
    'edp.terraform',
    run.operation,
    'v1',
    ctx.task.id,
    run.relativeDir,
    run.workspace ?? 'default',
  ].join(':');
  let ranNow = false;
  const result = await ctx.checkpoint({
    key,
    fn: async () => {
      ranNow = true;
      try {
        const applied = await cli.run([
          'apply',
          '-input=false',
          '-json',
          ...run.applyArgs,
          planFile,
        ]);
        return summarize(applied.changes, applied.applied) as unknown as Record<
          string,
          number
        >;
      } catch (error) {
        if (!(error instanceof TerraformCommandError)) throw error;
        if (error.result.diagnostics.some(isStalePlan)) {
          throw new Error(
            `The state changed since this plan was made (another run changed it in between); nothing was ${
              run.operation === 'destroy' ? 'destroyed' : 'applied'
            }. Plan again and approve the new plan.`,
          );
        }
        const done = error.result.applied;
        const partial = summarize(undefined, done);
        const list = done.length
          ? done.map(d => d.address).join(', ')
          : 'nothing';
        const failed = error.result.errored.length
          ? `; failed: ${error.result.errored.join(', ')}`
          : '';
        const message = redactor.redact(
          `${run.operation === 'destroy' ? 'Destroy' : 'Apply'} stopped after ${
            done.length
          } of ${
            planned.add + planned.change + planned.destroy
          } planned changes. ` +
            `Applied (${
              run.ephemeralState
                ? "recorded only in this task's throw-away state"
                : 'kept in the state'
            }): ${list}${failed}. ${error.message}`,
        );
        ctx.logger.error(message);
        ctx.output('summary', partial);
        throw new Error(message);
      }
    },
  });
  if (!ranNow) {
    ctx.logger.info(
      `${run.operation} already completed in an earlier attempt of this task (checkpoint ${key}); not applying again.`,
    );
  }
  return result as unknown as Summary;
}
