/**
 * A remote backend seen by the commands: the state is fetched into a local copy (which the engine
 * reads and writes like a local state file), each write is sent back in order, and the lock is the
 * backend's own. Only the `kubernetes` backend exists; the copy is removed when the process exits.
 */
import fs from 'node:fs';
import path from 'node:path';
import { TfError } from '../diagnostics';
import { KubernetesStateClient, kubernetesSettings } from './kubernetesBackend';
import { type HeldLock, lockError, newLockInfo } from './lock';
import { type Layout, readBackend } from './workspace';

export interface RemoteState {
  client: KubernetesStateClient;
  /** The local copy the engine reads and writes. */
  copyFile: string;
  /** Sends a written state to the backend after the ones before it. */
  queuePush(stateJson: string): void;
  /** Waits for every queued write; throws the first failure. */
  flush(): Promise<void>;
}

const copies = new Set<string>();
let cleanupRegistered = false;

function removeCopiesOnExit(dir: string) {
  copies.add(dir);
  if (cleanupRegistered) return;
  cleanupRegistered = true;
  // The copy may hold sensitive values; the backend has the state, the working directory must not.
  process.on('exit', () => {
    for (const d of copies) fs.rmSync(d, { recursive: true, force: true });
  });
}

/** The remote state of `workspace`, or undefined when the backend is local. */
export function openRemoteState(
  layout: Layout,
  workspace: string,
): RemoteState | undefined {
  const backend = readBackend(layout);
  if (!backend || backend.type !== 'kubernetes') return undefined;
  const client = new KubernetesStateClient(
    kubernetesSettings(backend.config, layout.env),
    workspace,
  );
  const dir = path.join(layout.dataDir, 'remote-state', workspace);
  removeCopiesOnExit(dir);
  let chain: Promise<void> = Promise.resolve();
  let failure: Error | undefined;
  return {
    client,
    copyFile: path.join(dir, 'terraform.tfstate'),
    queuePush(stateJson) {
      chain = chain.then(() =>
        client.push(stateJson).catch(e => {
          failure ??= e;
        }),
      );
    },
    async flush() {
      await chain;
      if (failure) {
        const e = failure;
        failure = undefined;
        throw new TfError(
          'Failed to save state',
          `Error saving state to ${client.location}: ${
            (e as TfError).diagnostics?.[0]?.detail ?? e.message
          }`,
        );
      }
    },
  };
}

/** Replaces the local copy with the backend's state (or removes it when there is none). */
export async function pullRemoteState(remote: RemoteState): Promise<void> {
  const text = await remote.client.pull();
  fs.mkdirSync(path.dirname(remote.copyFile), { recursive: true });
  fs.rmSync(`${remote.copyFile}.backup`, { force: true });
  if (text === undefined) fs.rmSync(remote.copyFile, { force: true });
  else fs.writeFileSync(remote.copyFile, text);
}

/** Takes the backend's lock, retrying until the timeout; fails naming the holder. */
export async function acquireRemoteLock(
  remote: RemoteState,
  operation: string,
  opts: {
    timeoutMs: number;
    version: string;
    product: string;
    command: string;
    signal: AbortSignal;
  },
): Promise<HeldLock> {
  const info = newLockInfo(operation, opts.version, remote.client.location);
  const deadline = Date.now() + opts.timeoutMs;
  for (;;) {
    const holder = await remote.client.tryLock(info);
    if (!holder) {
      return { info, release: () => remote.client.unlock(info.ID) };
    }
    if (Date.now() >= deadline || opts.signal.aborted) {
      throw lockError(
        holder,
        'the state is already locked by another terraform client',
        opts.product,
        opts.command,
      );
    }
    await new Promise(r =>
      setTimeout(r, Math.min(500, Math.max(10, deadline - Date.now()))),
    );
  }
}
