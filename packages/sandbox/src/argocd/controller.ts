import type { ArgoCdInstance } from './instance';
import { clearSpecErrors, recordSpecErrors } from './specErrorStatus';
import { specConditions } from './validation';
import {
  REFRESH_ANNOTATION,
  type Application,
  type ApplicationStatus,
  type OperationState,
} from './types';

type HealthStatus = NonNullable<ApplicationStatus['health']>;

/** Annotation a seed or test can set to make the next sync of an Application fail. */
export const SYNC_OUTCOME_ANNOTATION = 'sandbox.edp.dev/sync-outcome';

const now = () => new Date().toISOString();
const keyOf = (app: Application) =>
  `${app.metadata.namespace}/${app.metadata.name}`;

/**
 * A stand-in for ArgoCD's application controller, used when the store has no reconciler of its own.
 * It acts on what the API server writes, as the real controller does:
 *  - `operation` set (a sync request): operationState Running for `syncDurationMs`, then Succeeded
 *    (or Failed/Error), history appended, sync status Synced, `operation` cleared;
 *  - the refresh annotation: taken off, `reconciledAt` updated, sync status compared again.
 */
export class SimulatedController {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private unsubscribe?: () => void;

  constructor(private readonly instance: ArgoCdInstance) {}

  start() {
    this.unsubscribe = this.instance.store.subscribe(change => {
      if (change.type === 'DELETED') {
        clearTimeout(this.timers.get(keyOf(change.application)));
        this.timers.delete(keyOf(change.application));
        return;
      }
      const app = change.application;
      if (app.metadata.annotations?.[REFRESH_ANNOTATION])
        void this.refresh(app).catch(() => undefined);
      if (app.operation && app.status?.operationState?.phase !== 'Running')
        void this.begin(app).catch(() => undefined);
    });
  }

  stop() {
    this.unsubscribe?.();
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private async refresh(app: Application) {
    await this.instance.mutate(
      app.metadata.name,
      app.metadata.namespace,
      async current => {
        if (!current.metadata.annotations?.[REFRESH_ANNOTATION])
          return undefined;
        // A project deleted or narrowed since the app was created: ArgoCD's InvalidSpecError.
        const invalid = await specConditions(this.instance.objects, current);
        if (invalid.length > 0) {
          recordSpecErrors(current, invalid);
          return current;
        }
        clearSpecErrors(current);
        delete current.metadata.annotations[REFRESH_ANNOTATION];
        const status = (current.status ??= {});
        status.reconciledAt = now().replace(/\.\d+Z$/, 'Z');
        status.observedAt = status.reconciledAt;
        const source = current.spec.source;
        const desired =
          source &&
          this.instance.catalog.resolve(source.repoURL, source.targetRevision);
        if (!desired) return current; // unknown repository or revision: the comparison stays as it was
        const deployed = status.history?.[status.history.length - 1]?.revision;
        status.sync = {
          ...status.sync,
          status: deployed === desired ? 'Synced' : 'OutOfSync',
          revision: desired,
        };
        return current;
      },
    );
  }

  private async begin(app: Application) {
    let healthBefore: HealthStatus | undefined;
    let begun = false;
    const started = await this.instance.mutate(
      app.metadata.name,
      app.metadata.namespace,
      async current => {
        if (
          !current.operation ||
          current.status?.operationState?.phase === 'Running'
        )
          return undefined;
        const invalid = await specConditions(this.instance.objects, current);
        if (invalid.length > 0) {
          recordSpecErrors(current, invalid);
          return current;
        }
        const status = (current.status ??= {});
        healthBefore = status.health;
        begun = true;
        status.operationState = {
          operation: current.operation,
          phase: 'Running',
          message: 'waiting for completion of hook and 1 more resources',
          startedAt: now().replace(/\.\d+Z$/, 'Z'),
        };
        if (
          !current.operation.sync?.dryRun &&
          status.health?.status !== 'Suspended'
        ) {
          status.health = {
            status: 'Progressing',
            message: 'sync in progress',
          };
        }
        return current;
      },
    );
    if (!begun) return;
    const key = keyOf(started);
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.finish(started, healthBefore).catch(() => undefined);
      }, this.instance.global.syncDurationMs),
    );
  }

  private async finish(
    app: Application,
    healthBefore: HealthStatus | undefined,
  ) {
    await this.instance.mutate(
      app.metadata.name,
      app.metadata.namespace,
      current => {
        const state = current.status?.operationState;
        if (!state || state.phase !== 'Running' || !current.status)
          return undefined;
        const status = current.status;
        const sync = state.operation.sync ?? {};
        const source = sync.source ?? current.spec.source;
        const finishedAt = now().replace(/\.\d+Z$/, 'Z');
        const revision =
          source &&
          this.instance.catalog.resolve(
            source.repoURL,
            sync.revision ?? source.targetRevision,
          );
        const done = (phase: OperationState['phase'], message: string) => {
          status.operationState = {
            ...status.operationState!,
            phase,
            message,
            finishedAt,
          };
          delete current.operation;
          return current;
        };
        if (!revision) {
          status.health = healthBefore ?? { status: 'Unknown' };
          return done(
            'Error',
            `ComparisonError: unable to resolve '${
              sync.revision ?? source?.targetRevision ?? 'HEAD'
            }' to a commit SHA`,
          );
        }
        status.operationState = { ...state, syncResult: { revision, source } };
        if (
          current.metadata.annotations?.[SYNC_OUTCOME_ANNOTATION] === 'Failed'
        ) {
          status.health = {
            status: 'Degraded',
            message: 'Deployment exceeded its progress deadline',
          };
          return done(
            'Failed',
            'one or more objects failed to apply (sandbox: sync-outcome annotation)',
          );
        }
        if (sync.dryRun) {
          status.health = healthBefore ?? { status: 'Unknown' };
          return done('Succeeded', 'successfully synced (dry run)');
        }
        const history = status.history ?? [];
        history.push({
          id: history.reduce((max, h) => Math.max(max, h.id), -1) + 1,
          revision,
          deployStartedAt: state.startedAt,
          deployedAt: finishedAt,
          source,
          initiatedBy: state.operation.initiatedBy,
        });
        const limit = current.spec.revisionHistoryLimit ?? 10;
        status.history = history.slice(Math.max(0, history.length - limit));
        status.sync = { ...status.sync, status: 'Synced', revision };
        status.health =
          healthBefore?.status === 'Suspended'
            ? healthBefore
            : { status: 'Healthy' };
        status.conditions = status.conditions?.filter(
          c => c.type !== 'SyncError',
        );
        if (status.conditions?.length === 0) delete status.conditions;
        status.reconciledAt = finishedAt;
        return done('Succeeded', 'successfully synced (all tasks run)');
      },
    );
  }
}
