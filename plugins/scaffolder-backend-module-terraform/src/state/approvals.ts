import type { DatabaseService } from '@backstage/backend-plugin-api';

/** Records which approved plan digests were applied, so that an approval works once. */
export interface ApprovalLedger {
  /**
   * Marks `digest` as used for the state `stateKey` by `taskId`. Throws when it was used before;
   * atomic, so two tasks with the same approval cannot both pass.
   */
  consume(stateKey: string, digest: string, taskId: string): Promise<void>;
}

const TABLE = 'edp_terraform_plan_approvals';

/** Thrown when an approval was already spent. */
export class ApprovalUsedError extends Error {
  constructor(digest: string, usedBy: string, usedAt: string) {
    super(
      `The approved plan digest ${digest} was already used by task ${usedBy} at ${usedAt}; an approval applies once. Nothing was applied: plan again and approve the new plan.`,
    );
    this.name = 'ApprovalUsedError';
  }
}

/**
 * The ledger in the scaffolder's database (shared by every backend replica). The table is
 * created on first use; the primary key makes a second insert of the same approval fail.
 */
export class DatabaseApprovalLedger implements ApprovalLedger {
  private ready: Promise<void> | undefined;

  constructor(private readonly database: DatabaseService) {}

  private async client() {
    const db = await this.database.getClient();
    this.ready ??= (async () => {
      if (await db.schema.hasTable(TABLE)) return;
      try {
        await db.schema.createTable(TABLE, table => {
          table.string('state_key', 400).notNullable();
          table.string('digest', 64).notNullable();
          table.string('task_id', 100).notNullable();
          table.string('used_at', 40).notNullable();
          table.primary(['state_key', 'digest']);
        });
      } catch (error) {
        // Another replica created it at the same moment.
        if (!(await db.schema.hasTable(TABLE))) throw error;
      }
    })();
    await this.ready;
    return db;
  }

  async consume(stateKey: string, digest: string, taskId: string) {
    const db = await this.client();
    const usedAt = new Date().toISOString();
    await db(TABLE)
      .insert({ state_key: stateKey, digest, task_id: taskId, used_at: usedAt })
      .onConflict(['state_key', 'digest'])
      .ignore();
    const row = await db(TABLE).where({ state_key: stateKey, digest }).first();
    if (row && row.task_id !== taskId) {
      throw new ApprovalUsedError(digest, row.task_id, row.used_at);
    }
  }
}
