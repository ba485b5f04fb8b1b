/**
 * Payloads of the resources view and of rollback (pluginId `edp-argocd`). The view asks for one
 * application's resources when it is opened, and for its diffs only when one is opened.
 */

/** One object of an application's resource tree, with its sync status when ArgoCD manages it. @public */
export interface ArgoCDResourceRow {
  group?: string;
  kind: string;
  name: string;
  namespace?: string;
  /** Synced / OutOfSync for managed resources; absent for children (ReplicaSets, Pods). */
  syncStatus?: string;
  healthStatus?: string;
  healthMessage?: string;
  /** `Kind/name` of the parent for children of managed resources. */
  parent?: string;
  /** Whether the live object exists (a managed resource may be Missing from the cluster). */
  live: boolean;
}

/** A Kubernetes event of the application or one of its resources. @public */
export interface ArgoCDEventRow {
  type: string;
  reason: string;
  message: string;
  /** `Kind/name` of the object the event is about. */
  object: string;
  count: number;
  lastSeen?: string;
}

/** A part of the view that failed, shown beside the parts that did not. @public */
export interface ArgoCDPartError {
  part: 'tree' | 'events' | 'diff';
  message: string;
}

/** Answer of `GET /entity/:kind/:namespace/:name/applications/:instance/:app/resources`. @public */
export interface ArgoCDApplicationResourcesResponse {
  instance: string;
  app: string;
  namespace?: string;
  /** Unhealthy and OutOfSync resources first, then by kind and name. */
  resources: ArgoCDResourceRow[];
  /** Newest first. */
  events: ArgoCDEventRow[];
  errors: ArgoCDPartError[];
  fetchedAt: string;
}

/** One line of a desired-vs-live diff: kept (' '), only in git ('-'), only live ('+'). @public */
export interface ArgoCDDiffLine {
  op: ' ' | '-' | '+';
  text: string;
}

/** Git's and the cluster's state of one managed resource. @public */
export interface ArgoCDResourceDiffEntry {
  group?: string;
  kind: string;
  name: string;
  namespace?: string;
  modified: boolean;
  /** Line diff of the normalised manifests (desired = git, live = cluster). */
  lines: ArgoCDDiffLine[];
}

/** Answer of `GET .../applications/:instance/:app/diff`. @public */
export interface ArgoCDResourceDiffResponse {
  instance: string;
  app: string;
  diffs: ArgoCDResourceDiffEntry[];
}

/** Body of `POST .../applications/:instance/:app/rollback`. @public */
export interface ArgoCDRollbackRequest {
  /** The history id of the deployment to go back to. */
  id: number;
  /** The revision the user confirmed; refused when it is not the one of `id`. */
  revision: string;
  /** Turn automated sync off first (ArgoCD refuses a rollback while it is on). */
  disableAutomatedSync?: boolean;
}

/** Answer of the rollback route. @public */
export interface ArgoCDRollbackResponse {
  instance: string;
  app: string;
  id: number;
  revision: string;
  automatedSyncDisabled: boolean;
  operationPhase?: string;
}
