/**
 * Payloads exchanged between the ArgoCD backend (pluginId `edp-argocd`) and its cards.
 * Times are ISO 8601 strings; absent values are omitted rather than invented.
 */

/** Why one instance gave no applications. @public */
export type ArgoCDInstanceErrorReason =
  | 'auth'
  | 'timeout'
  | 'upstream'
  | 'invalid-response'
  | 'network'
  | 'unknown-instance'
  | 'not-found';

/** An instance that could not answer, shown as its own row beside the healthy results. @public */
export interface ArgoCDInstanceError {
  instance: string;
  reason: ArgoCDInstanceErrorReason;
  /** A readable message; never contains credentials. */
  message: string;
}

/** One application on one instance, as shown by the overview card. @public */
export interface ArgoCDApplicationSummary {
  name: string;
  instance: string;
  /** Namespace of the Application resource (ArgoCD "apps in any namespace"). */
  namespace?: string;
  /** Namespace the application deploys into. */
  destinationNamespace?: string;
  project?: string;
  syncStatus: string;
  healthStatus: string;
  healthMessage?: string;
  operationPhase?: string;
  operationMessage?: string;
  revision?: string;
  /** Link to the revision's commit when the source is a configured Forgejo/Gitea host. */
  revisionUrl?: string;
  repoUrl?: string;
  targetRevision?: string;
  lastSyncedAt?: string;
  /** Link to the application in the instance's UI. */
  uiUrl: string;
  /** Set when the application is OutOfSync with resources that drifted from git. */
  drift?: ArgoCDDrift;
}

/**
 * How far an application drifted. ArgoCD records no time for a change of sync status, so `since`
 * is the end of the last deployment: the application was in sync then, and drifted after it.
 * @public
 */
export interface ArgoCDDrift {
  outOfSyncResources: number;
  since?: string;
}

/** A row of the overview: an application, or an instance that failed. @public */
export type ArgoCDOverviewRow =
  | ({ type: 'application' } & ArgoCDApplicationSummary)
  | ({ type: 'error' } & ArgoCDInstanceError);

/** Answer of `GET /entity/:kind/:namespace/:name/overview`. @public */
export interface ArgoCDOverviewResponse {
  /** Rows in instance order (the `argocd/instance-name` order when set). */
  rows: ArgoCDOverviewRow[];
  /** Whether the caller may sync and refresh, decided by the backend's permission check. */
  canSync: boolean;
  /** When the oldest data in this answer was fetched from ArgoCD. */
  fetchedAt: string;
}

/** One deployment of an application. @public */
export interface ArgoCDDeployment {
  id: number;
  revision?: string;
  revisionUrl?: string;
  deployedAt?: string;
  deployStartedAt?: string;
  initiatedBy?: string;
  automated?: boolean;
}

/** The deployments of one application, newest first, none dropped. @public */
export interface ArgoCDApplicationHistory {
  name: string;
  instance: string;
  namespace?: string;
  repoUrl?: string;
  /** Whether automated sync is on; ArgoCD refuses rollbacks until it is turned off. */
  automatedSync: boolean;
  deployments: ArgoCDDeployment[];
}

/** Answer of `GET /entity/:kind/:namespace/:name/history`. @public */
export interface ArgoCDHistoryResponse {
  applications: ArgoCDApplicationHistory[];
  errors: ArgoCDInstanceError[];
  /** Most revisions whose metadata one metadata request may ask for. */
  metadataLimit: number;
  /** Whether the caller may roll back (argocd.application.rollback). */
  canRollback: boolean;
  fetchedAt: string;
}

/** Identifies one revision of one application, for the metadata request. @public */
export interface ArgoCDRevisionRef {
  instance: string;
  app: string;
  namespace?: string;
  revision: string;
}

/** Author, date and message of a revision, or why they could not be read. @public */
export type ArgoCDRevisionMetadataResult = ArgoCDRevisionRef &
  (
    | { ok: true; author?: string; date?: string; message?: string }
    | { ok: false; error: string }
  );

/** Body of `POST /entity/:kind/:namespace/:name/history/metadata`. @public */
export interface ArgoCDRevisionMetadataRequest {
  revisions: ArgoCDRevisionRef[];
}

/** Answer of the metadata request, in request order. @public */
export interface ArgoCDRevisionMetadataResponse {
  revisions: ArgoCDRevisionMetadataResult[];
}

/** Answer of the sync and refresh routes. @public */
export interface ArgoCDActionResponse {
  instance: string;
  app: string;
  action: 'sync' | 'refresh';
  /** The operation phase ArgoCD reported right after the request, when known. */
  operationPhase?: string;
}
