import os from 'node:os';
import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  isLockDiagnostic,
  parseLockHolder,
  type TerraformCli,
} from '@edp/plugin-terraform-node';

function whoAmI(): string {
  try {
    return `${os.userInfo().username}@${os.hostname()}`;
  } catch {
    return `${
      process.env.USER ?? process.getuid?.() ?? 'unknown'
    }@${os.hostname()}`;
  }
}

/**
 * After the CLI was killed (SIGKILL once the grace period ran out), its state lock stays held and
 * would block every later run. Asks the backend who holds the lock (a plan that may not wait for
 * it reports the holder) and force-unlocks it only when it is this run's: same user and host, taken
 * after this run started. Works for every locking backend (kubernetes Lease, s3, pg, local file).
 */
export async function releaseKilledLock(
  cli: TerraformCli,
  startedAt: Date,
  logger: LoggerService,
): Promise<void> {
  let probe;
  try {
    probe = await cli.run(
      ['plan', '-input=false', '-json', '-refresh=false', '-lock-timeout=0s'],
      { okExitCodes: [0, 1, 2], quiet: true },
    );
  } catch (e) {
    logger.warn(`Could not check the state lock after the kill: ${e}`);
    return;
  }
  const diagnostic = probe.diagnostics.find(isLockDiagnostic);
  if (!diagnostic) return; // not locked
  const holder = parseLockHolder(diagnostic);
  const created = Date.parse(
    (holder.created ?? '').replace(' +0000 UTC', 'Z').replace(' ', 'T'),
  );
  const ours =
    holder.id &&
    holder.who === whoAmI() &&
    !Number.isNaN(created) &&
    created >= startedAt.getTime() - 1000;
  if (!ours) {
    logger.warn(
      `The state is locked by ${holder.who ?? 'someone else'} (lock ID ${
        holder.id ?? 'unknown'
      }), not by this run; left alone.`,
    );
    return;
  }
  await cli.run(['force-unlock', '-force', holder.id!]);
  logger.info(
    `Released the state lock ${holder.id} that the killed run left behind.`,
  );
}
