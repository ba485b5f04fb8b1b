import type { LoggerService } from '@backstage/backend-plugin-api';
import type { KubeClient } from '../kubernetes/KubeClient';
import { sleep, throwIfAborted } from '../kubernetes/readiness';
import {
  applicationState,
  ApplicationState,
  describeState,
} from './applicationState';

/** An Application to wait for. */
export interface ApplicationRef {
  name: string;
  namespace: string;
}

export interface ApplicationResult extends ApplicationRef {
  sync: string;
  health: string;
  /** ArgoCD's newest condition (or failed operation), when there is one. */
  message?: string;
}

export interface WaitForApplicationsOptions {
  timeoutMs: number;
  /** How long an error condition (ComparisonError, SyncError, failed sync) may last before the wait fails. */
  failureGraceMs: number;
  /** How often the state of every Application still waited for is logged. */
  reportIntervalMs?: number;
  pollIntervalMs?: number;
  logger: LoggerService;
  signal?: AbortSignal;
}

/** The wait failed (timeout or a persistent ArgoCD error); carries what every Application reached. */
export class ApplicationWaitError extends Error {
  constructor(message: string, readonly reached: ApplicationResult[]) {
    super(message);
    this.name = 'ApplicationWaitError';
  }
}

const APPLICATION = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
};
const label = (a: ApplicationRef) => `Application ${a.namespace}/${a.name}`;

interface Tracked {
  ref: ApplicationRef;
  state?: ApplicationState;
  failingSince?: number;
}

function results(tracked: Tracked[]): ApplicationResult[] {
  return tracked.map(({ ref, state }) => ({
    ...ref,
    sync: state?.sync ?? 'Unknown',
    health: state?.health ?? 'Unknown',
    ...(state?.message ? { message: state.message } : {}),
  }));
}

function summarise(tracked: Tracked[]): string {
  return tracked
    .map(
      t =>
        `${label(t.ref)}: ${describeState(t.state)}${
          t.state?.ready ? ' (ready)' : ''
        }`,
    )
    .join('; ');
}

/**
 * Waits until every Application is Synced and Healthy. Logs each state change (with ArgoCD's newest
 * condition) and, every `reportIntervalMs`, the state of those still waited for. Fails early when an
 * Application stays in error (a ComparisonError or SyncError condition, or a Failed sync) for
 * `failureGraceMs`, quoting ArgoCD's message, and otherwise at the timeout.
 */
export async function waitForApplications(
  client: KubeClient,
  refs: ApplicationRef[],
  options: WaitForApplicationsOptions,
): Promise<ApplicationResult[]> {
  const { logger } = options;
  const started = Date.now();
  const deadline = started + options.timeoutMs;
  const poll = options.pollIntervalMs ?? 250;
  const reportEvery = options.reportIntervalMs ?? 5000;
  let nextReport = started + reportEvery;
  const tracked: Tracked[] = refs.map(ref => ({ ref }));
  const lastLogged = new Map<Tracked, string>();

  for (;;) {
    throwIfAborted(options.signal);
    await Promise.all(
      tracked.map(async t => {
        if (t.state?.ready) return;
        const object = await client.get({
          ...APPLICATION,
          metadata: { name: t.ref.name, namespace: t.ref.namespace },
        });
        t.state = object ? applicationState(object) : undefined;
        if (t.state?.failure) t.failingSince ??= Date.now();
        else t.failingSince = undefined;
        const shown = describeState(t.state);
        if (lastLogged.get(t) !== shown) {
          lastLogged.set(t, shown);
          logger.info(`${label(t.ref)}: ${shown}`);
        }
      }),
    );
    if (tracked.every(t => t.state?.ready)) return results(tracked);

    const now = Date.now();
    const failing = tracked.find(
      t =>
        t.failingSince !== undefined &&
        now - t.failingSince >= options.failureGraceMs,
    );
    if (failing) {
      const seconds = Math.round((now - failing.failingSince!) / 1000);
      throw new ApplicationWaitError(
        `${label(failing.ref)} failed: ArgoCD reports ${
          failing.state!.failure
        } (for ${seconds}s). State so far: ${summarise(tracked)}`,
        results(tracked),
      );
    }
    if (now >= deadline) {
      const waiting = tracked.filter(t => !t.state?.ready).length;
      throw new ApplicationWaitError(
        `Timed out after ${Math.round(
          options.timeoutMs / 1000,
        )}s with ${waiting} of ${
          tracked.length
        } not ready. State so far: ${summarise(tracked)}`,
        results(tracked),
      );
    }
    if (now >= nextReport) {
      nextReport = now + reportEvery;
      const waiting = tracked.filter(t => !t.state?.ready);
      logger.info(
        `Waiting for ${waiting.length} of ${
          tracked.length
        } Application(s) after ${Math.round((now - started) / 1000)}s: ${waiting
          .map(t => `${t.ref.name} ${describeState(t.state)}`)
          .join('; ')}`,
      );
    }
    await sleep(Math.min(poll, Math.max(0, deadline - now)), options.signal);
  }
}
