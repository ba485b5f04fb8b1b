import { deepEqual } from '../kubernetes/store/patch';
import type { DesiredObject, ResourceStatus } from './compare';

export const REFRESH_ANNOTATION = 'argocd.argoproj.io/refresh';

export const stamp = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

type App = Record<string, any>;
interface Comparison {
  resources: ResourceStatus[];
  synced: boolean;
}

/** `{ source }` for a single-source Application, `{ sources }` for a multi-source one, as ArgoCD records them. */
export function sourceFields(source: App | App[]): App {
  return Array.isArray(source) ? { sources: source } : { source };
}

/** Status without the fields that change on every look, to write only when something changed. */
function material(status: Record<string, any> | undefined) {
  const { reconciledAt: _r, observedAt: _o, ...rest } = status ?? {};
  if (rest.health)
    rest.health = { ...rest.health, lastTransitionTime: undefined };
  return rest;
}

/** Takes the refresh annotation off (the controller's answer to a refresh); true when it was there. */
function takeRefresh(app: App): boolean {
  const refreshed = !!app.metadata.annotations?.[REFRESH_ANNOTATION];
  if (refreshed) delete app.metadata.annotations[REFRESH_ANNOTATION];
  return refreshed;
}

/** `status.summary.images`: the container images the manifests run. */
export function summary(desired: DesiredObject[]) {
  const images = new Set<string>();
  for (const d of desired) {
    const containers =
      d.object.spec?.template?.spec?.containers ??
      d.object.spec?.containers ??
      [];
    for (const c of containers) if (c?.image) images.add(c.image);
  }
  return images.size ? { images: [...images].sort() } : {};
}

/**
 * Records a comparison (sync status, resources, health) on the Application. Returns false, so that
 * nothing is written, when nothing changed and no refresh asked for it.
 */
export function recordComparison(
  app: App,
  comparison: Comparison,
  revision: string,
  source: App,
  images: App,
): boolean {
  const refreshed = takeRefresh(app);
  const before = material(app.status);
  const status = (app.status ??= {});
  status.sync = {
    status: comparison.synced ? 'Synced' : 'OutOfSync',
    revision,
    comparedTo: { ...sourceFields(source), destination: app.spec.destination },
  };
  status.resources = comparison.resources;
  status.sourceType = 'Directory';
  status.summary = images;
  if (status.operationState?.phase !== 'Running') {
    const health = comparison.resources.some(r => r.health.status === 'Missing')
      ? 'Missing'
      : 'Healthy';
    if (status.health?.status !== health)
      status.health = { status: health, lastTransitionTime: stamp() };
  }
  status.conditions = (status.conditions ?? []).filter(
    (c: { type: string }) => c.type !== 'ComparisonError',
  );
  if (status.conditions.length === 0) delete status.conditions;
  if (!refreshed && deepEqual(before, material(status))) return false;
  status.reconciledAt = stamp();
  status.observedAt = status.reconciledAt;
  return true;
}

/** Records that the source could not be read: sync Unknown, a ComparisonError, a requested sync in Error. */
export function recordComparisonError(app: App, message: string): boolean {
  const refreshed = takeRefresh(app);
  const before = material(app.status);
  const status = (app.status ??= {});
  status.sync = { ...(status.sync ?? {}), status: 'Unknown' };
  status.conditions = [
    {
      type: 'ComparisonError',
      message: `Failed to load target state: ${message}`,
      lastTransitionTime: stamp(),
    },
  ];
  if (app.operation) {
    status.operationState = {
      operation: app.operation,
      phase: 'Error',
      message: `ComparisonError: ${message}`,
      startedAt: stamp(),
      finishedAt: stamp(),
    };
    delete app.operation;
  }
  const changed =
    !deepEqual(
      { ...before, conditions: undefined },
      { ...material(status), conditions: undefined },
    ) || before.conditions?.[0]?.message !== status.conditions[0].message;
  if (!refreshed && !changed) return false;
  status.reconciledAt = stamp();
  return true;
}

/** Marks a sync as started: operationState Running and, unless a dry run, health Progressing. */
export function recordOperationStart(
  app: App,
  operation: App,
  startedAt: string,
  dryRun: boolean,
): void {
  const status = (app.status ??= {});
  status.operationState = {
    operation,
    phase: 'Running',
    message: 'syncing',
    startedAt,
  };
  if (!dryRun)
    status.health = {
      status: 'Progressing',
      message: 'sync in progress',
      lastTransitionTime: stamp(),
    };
}

export interface OperationEnd {
  operation: App;
  startedAt: string;
  revision: string;
  source: App;
  results: App[];
  failure?: string;
  dryRun: boolean;
  summary: App;
}

/** Finishes a sync: operationState, sync and health, a history entry for a real successful sync, `operation` cleared. */
export function recordOperationEnd(
  app: App,
  comparison: Comparison,
  end: OperationEnd,
): void {
  const { failure, dryRun, revision, source } = end;
  const status = (app.status ??= {});
  const finishedAt = stamp();
  status.operationState = {
    operation: end.operation,
    phase: failure ? 'Failed' : 'Succeeded',
    message: failure
      ? `one or more objects failed to apply, reason: ${failure}`
      : `successfully synced (all tasks run)${dryRun ? ' (dry run)' : ''}`,
    startedAt: end.startedAt,
    finishedAt,
    syncResult: { revision, ...sourceFields(source), resources: end.results },
  };
  status.sync = {
    status: comparison.synced ? 'Synced' : 'OutOfSync',
    revision,
    comparedTo: { ...sourceFields(source), destination: app.spec.destination },
  };
  status.resources = comparison.resources;
  status.sourceType = 'Directory';
  status.summary = end.summary;
  let health = comparison.resources.some(r => r.health.status === 'Missing')
    ? 'Missing'
    : 'Healthy';
  if (failure) health = 'Degraded';
  status.health = {
    status: health,
    ...(failure ? { message: failure } : {}),
    lastTransitionTime: finishedAt,
  };
  if (!failure && !dryRun) {
    const history: App[] = status.history ?? [];
    history.push({
      id: history.reduce((max, h) => Math.max(max, Number(h.id)), -1) + 1,
      revision,
      deployStartedAt: end.startedAt,
      deployedAt: finishedAt,
      ...sourceFields(source),
      initiatedBy: end.operation.initiatedBy,
    });
    status.history = history.slice(
      Math.max(0, history.length - (app.spec.revisionHistoryLimit ?? 10)),
    );
  }
  if (failure)
    status.conditions = [
      { type: 'SyncError', message: failure, lastTransitionTime: finishedAt },
    ];
  else delete status.conditions;
  status.reconciledAt = finishedAt;
  status.observedAt = finishedAt;
  takeRefresh(app);
  delete app.operation;
}
