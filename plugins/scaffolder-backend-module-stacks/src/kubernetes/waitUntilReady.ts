import type { KubeClient } from './KubeClient';
import { describeObject, Manifest } from './manifests';
import { Readiness, readinessOf, sleep, throwIfAborted } from './readiness';

export interface WaitOptions {
  timeoutMs: number;
  /** Poll interval; small, because the stand-in and real controllers update status quickly. */
  intervalMs?: number;
  signal?: AbortSignal;
  /** Called once per object every time its state string changes. */
  onChange?: (what: string, readiness: Readiness, object: any) => void;
}

export interface WaitResult {
  manifest: Manifest;
  readiness: Readiness;
  object?: any;
}

/** Raised when the timeout passes or an object fails; carries the state every object reached. */
export class WaitError extends Error {
  constructor(message: string, readonly results: WaitResult[]) {
    super(message);
    this.name = 'WaitError';
  }
}

export function summarise(results: WaitResult[]) {
  return results
    .map(
      r =>
        `${describeObject(r.manifest)}: ${r.readiness.state}${
          r.readiness.ready ? ' (ready)' : ''
        }`,
    )
    .join('; ');
}

/**
 * Polls every object until all are ready, one fails, or the timeout passes.
 * Only objects not yet ready are read again, so a finished stack costs one read per object.
 */
export async function waitUntilReady(
  client: KubeClient,
  manifests: Manifest[],
  options: WaitOptions,
): Promise<WaitResult[]> {
  const deadline = Date.now() + options.timeoutMs;
  const interval = options.intervalMs ?? 250;
  const results: WaitResult[] = manifests.map(manifest => ({
    manifest,
    readiness: { ready: false, state: 'NotFound' },
  }));
  const lastState = new Map<number, string>();
  for (;;) {
    throwIfAborted(options.signal);
    await Promise.all(
      results.map(async (result, i) => {
        if (result.readiness.ready) return;
        const object = await client.get(result.manifest);
        result.object = object;
        result.readiness = object
          ? readinessOf(object)
          : { ready: false, state: 'NotFound' };
        if (lastState.get(i) !== result.readiness.state) {
          lastState.set(i, result.readiness.state);
          options.onChange?.(
            describeObject(result.manifest),
            result.readiness,
            object,
          );
        }
      }),
    );
    const failed = results.find(r => r.readiness.failed);
    if (failed) {
      throw new WaitError(
        `${describeObject(failed.manifest)} failed: ${
          failed.readiness.failed
        }. State so far: ${summarise(results)}`,
        results,
      );
    }
    if (results.every(r => r.readiness.ready)) return results;
    if (Date.now() >= deadline) {
      const waiting = results.filter(r => !r.readiness.ready).length;
      throw new WaitError(
        `Timed out after ${Math.round(
          options.timeoutMs / 1000,
        )}s with ${waiting} of ${results.length} not ready. ` +
          `State so far: ${summarise(results)}`,
        results,
      );
    }
    await sleep(
      Math.min(interval, Math.max(0, deadline - Date.now())),
      options.signal,
    );
  }
}
