/** What "ready" means for the kinds the actions can wait for. */
export interface Readiness {
  ready: boolean;
  /** Short, human-readable state, e.g. `Synced/Healthy` or `Available=False (MinimumReplicasUnavailable)`. */
  state: string;
  /** Set when the object reached a state it will not leave by itself (e.g. a failed Job). */
  failed?: string;
}

interface Condition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
}

function condition(obj: any, type: string): Condition | undefined {
  const conditions: Condition[] = obj?.status?.conditions ?? [];
  return conditions.find(c => c.type === type);
}

function describeCondition(type: string, c?: Condition) {
  if (!c) return `${type}=Unknown`;
  return `${type}=${c.status}${c.reason ? ` (${c.reason})` : ''}`;
}

/** Asks ArgoCD to compare an Application with its source again now (`normal`) rather than at its next resync. */
export const ARGOCD_REFRESH_ANNOTATION = 'argocd.argoproj.io/refresh';

/** The sync/health pair ArgoCD writes on an Application. */
export function applicationStatus(obj: any): { sync: string; health: string } {
  return {
    sync: obj?.status?.sync?.status ?? 'Unknown',
    health: obj?.status?.health?.status ?? 'Unknown',
  };
}

/** Readiness of a Deployment, Job or ArgoCD Application; any other kind is ready once it exists. */
export function readinessOf(obj: any): Readiness {
  const kind = obj?.kind;
  const group = String(obj?.apiVersion ?? '').split('/')[0];
  if (kind === 'Deployment') {
    const available = condition(obj, 'Available');
    const progressing = condition(obj, 'Progressing');
    if (progressing?.reason === 'ProgressDeadlineExceeded') {
      return {
        ready: false,
        state: describeCondition('Progressing', progressing),
        failed: progressing.message ?? 'progress deadline exceeded',
      };
    }
    return {
      ready: available?.status === 'True',
      state: describeCondition('Available', available),
    };
  }
  if (kind === 'Job') {
    const complete = condition(obj, 'Complete');
    const failed = condition(obj, 'Failed');
    if (failed?.status === 'True') {
      return {
        ready: false,
        state: describeCondition('Failed', failed),
        failed: failed.message ?? failed.reason ?? 'job failed',
      };
    }
    return {
      ready: complete?.status === 'True',
      state: describeCondition('Complete', complete),
    };
  }
  if (kind === 'Application' && group === 'argoproj.io') {
    const { sync, health } = applicationStatus(obj);
    // ArgoCD takes the refresh annotation off once it has compared the new source; until then
    // its status still describes the previous revision.
    if (obj?.metadata?.annotations?.[ARGOCD_REFRESH_ANNOTATION]) {
      return { ready: false, state: `${sync}/${health}, refreshing` };
    }
    return {
      ready: sync === 'Synced' && health === 'Healthy',
      state: `${sync}/${health}`,
    };
  }
  return { ready: true, state: 'exists' };
}

/** Resolves after `ms`, or rejects as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortError());
      return;
    }
    let timer: NodeJS.Timeout | undefined = undefined;
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError());
    };
    timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function abortError() {
  const e = new Error('The task was cancelled');
  e.name = 'AbortError';
  return e;
}

export function throwIfAborted(signal?: AbortSignal) {
  if (signal?.aborted) throw abortError();
}
