import { ARGOCD_REFRESH_ANNOTATION } from '../kubernetes/readiness';

/** Conditions ArgoCD sets when it cannot compare or sync an Application (they are errors, not warnings). */
const ERROR_CONDITIONS = [
  'ComparisonError',
  'SyncError',
  'InvalidSpecError',
  'UnknownError',
];

/** One Application as the wait sees it. */
export interface ApplicationState {
  sync: string;
  health: string;
  /** The newest condition (`Type: message`), or a failed operation's message. */
  message?: string;
  /** ArgoCD's reason when the Application is in error (condition or failed operation). */
  failure?: string;
  /** Synced and Healthy, and ArgoCD has answered any refresh request. */
  ready: boolean;
  /** ArgoCD has not yet compared the latest change (refresh annotation still on). */
  refreshing: boolean;
}

interface Condition {
  type?: string;
  message?: string;
  lastTransitionTime?: string;
}

/** Reads sync, health, the newest condition and any failure from an Application object. */
export function applicationState(app: any): ApplicationState {
  const status = app?.status ?? {};
  const sync: string = status.sync?.status ?? 'Unknown';
  const health: string = status.health?.status ?? 'Unknown';
  const conditions: Condition[] = Array.isArray(status.conditions)
    ? status.conditions
    : [];
  const newest = [...conditions].sort((a, b) =>
    String(b.lastTransitionTime ?? '').localeCompare(
      String(a.lastTransitionTime ?? ''),
    ),
  )[0];
  const errorCondition = [...conditions]
    .filter(c => ERROR_CONDITIONS.includes(String(c.type)))
    .sort((a, b) =>
      String(b.lastTransitionTime ?? '').localeCompare(
        String(a.lastTransitionTime ?? ''),
      ),
    )[0];
  const operation = status.operationState;
  let failure: string | undefined;
  if (errorCondition)
    failure = `${errorCondition.type}: ${errorCondition.message ?? ''}`.trim();
  else if (operation?.phase === 'Failed' || operation?.phase === 'Error')
    failure = `sync ${operation.phase}: ${operation.message ?? ''}`.trim();
  const message = newest
    ? `${newest.type}: ${newest.message ?? ''}`.trim()
    : failure;
  const refreshing = !!app?.metadata?.annotations?.[ARGOCD_REFRESH_ANNOTATION];
  return {
    sync,
    health,
    ...(message ? { message } : {}),
    ...(failure ? { failure } : {}),
    ready: !refreshing && sync === 'Synced' && health === 'Healthy',
    refreshing,
  };
}

/** `Synced/Healthy`, `Unknown/Unknown (ComparisonError: ...)`, `Synced/Healthy, refreshing`. */
export function describeState(state: ApplicationState | undefined): string {
  if (!state) return 'NotFound';
  return `${state.sync}/${state.health}${
    state.refreshing ? ', refreshing' : ''
  }${state.message ? ` (${state.message})` : ''}`;
}
