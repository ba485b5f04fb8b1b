/**
 * The state lock of the local backend: `.terraform.tfstate.lock.info` beside the state file.
 * It is created exclusively, so a second run sees it and fails with Terraform's diagnostic.
 * A run killed with SIGKILL leaves it behind, exactly the hazard `force-unlock` exists for.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TfError } from '../diagnostics';

export interface LockInfo {
  ID: string;
  Operation: string;
  Info: string;
  Who: string;
  Version: string;
  Created: string;
  Path: string;
}

export function lockFileFor(stateFile: string): string {
  return path.join(
    path.dirname(stateFile),
    `.${path.basename(stateFile)}.lock.info`,
  );
}

/** Go's time.String() form, which Terraform prints: "2026-01-02 03:04:05.123456 +0000 UTC". */
function goTimeString(iso: string): string {
  return iso.replace('T', ' ').replace(/Z$/, ' +0000 UTC');
}

export function lockError(
  info: LockInfo | undefined,
  reason: string,
  product: string,
  command: string,
): TfError {
  const detail = [
    `Error message: ${reason}`,
    ...(info
      ? [
          'Lock Info:',
          `  ID:        ${info.ID}`,
          `  Path:      ${info.Path}`,
          `  Operation: ${info.Operation}`,
          `  Who:       ${info.Who}`,
          `  Version:   ${info.Version}`,
          `  Created:   ${goTimeString(info.Created)}`,
          `  Info:      ${info.Info}`,
        ]
      : []),
    '',
    `${product} acquires a state lock to protect the state from being written`,
    'by multiple users at the same time. Please resolve the issue above and try',
    'again. For most commands, you can disable locking with the "-lock=false"',
    `flag, but this is not recommended. If the lock was left by a run that was killed, release it with "${command} force-unlock LOCK_ID".`,
  ].join('\n');
  return new TfError('Error acquiring the state lock', detail);
}

function readLock(lockFile: string): LockInfo | undefined {
  try {
    return JSON.parse(fs.readFileSync(lockFile, 'utf8'));
  } catch {
    return undefined;
  }
}

function userName(): string {
  try {
    return os.userInfo().username;
  } catch {
    // Containers may run under a uid with no passwd entry.
    return process.env.USER ?? String(process.getuid?.() ?? 'unknown');
  }
}

/** The lock info Terraform records for one operation (the same for every backend). */
export function newLockInfo(
  operation: string,
  version: string,
  where: string,
): LockInfo {
  return {
    ID: crypto.randomUUID(),
    Operation: operation,
    Info: '',
    Who: `${userName()}@${os.hostname()}`,
    Version: version,
    Created: new Date().toISOString().replace(/Z$/, '000Z'),
    Path: where,
  };
}

export interface HeldLock {
  info: LockInfo;
  release(): void | Promise<void>;
}

/** Takes the lock, retrying until `timeoutMs` passes; throws "Error acquiring the state lock". */
export async function acquireLock(
  stateFile: string,
  operation: string,
  opts: {
    timeoutMs: number;
    version: string;
    product: string;
    command: string;
    signal: AbortSignal;
  },
): Promise<HeldLock> {
  const lockFile = lockFileFor(stateFile);
  const info = newLockInfo(
    operation,
    opts.version,
    path.relative(process.cwd(), stateFile) || stateFile,
  );
  const deadline = Date.now() + opts.timeoutMs;
  fs.mkdirSync(path.dirname(lockFile), { recursive: true });
  for (;;) {
    try {
      fs.writeFileSync(lockFile, JSON.stringify(info), { flag: 'wx' });
      return {
        info,
        release: () => {
          if (readLock(lockFile)?.ID === info.ID)
            fs.rmSync(lockFile, { force: true });
        },
      };
    } catch (e: any) {
      if (e.code !== 'EEXIST')
        throw lockError(undefined, e.message, opts.product, opts.command);
    }
    if (Date.now() >= deadline || opts.signal.aborted) {
      throw lockError(
        readLock(lockFile),
        'resource temporarily unavailable',
        opts.product,
        opts.command,
      );
    }
    await new Promise(r =>
      setTimeout(r, Math.min(250, Math.max(10, deadline - Date.now()))),
    );
  }
}

/** `force-unlock ID`: removes the lock when its ID matches. */
export function forceUnlock(stateFile: string, id: string): void {
  const lockFile = lockFileFor(stateFile);
  const info = readLock(lockFile);
  if (!info)
    throw new TfError(
      'Failed to unlock state',
      'There is no lock on this state.',
    );
  if (info.ID !== id) {
    throw new TfError(
      'Failed to unlock state',
      `The lock ID "${id}" does not match the existing lock ID "${info.ID}".`,
    );
  }
  fs.rmSync(lockFile, { force: true });
}
