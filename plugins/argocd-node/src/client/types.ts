/**
 * The parts of ArgoCD's API objects (argocd-swagger.json, v1alpha1) this client reads.
 * Everything is optional because the `fields` projection and older servers may leave any of it out.
 */

/** @public */
export interface ArgoCDApplicationSource {
  repoURL?: string;
  path?: string;
  chart?: string;
  targetRevision?: string;
}

/** @public */
export interface ArgoCDRevisionHistory {
  id?: number;
  revision?: string;
  revisions?: string[];
  deployedAt?: string;
  deployStartedAt?: string;
  source?: ArgoCDApplicationSource;
  sources?: ArgoCDApplicationSource[];
  initiatedBy?: { username?: string; automated?: boolean };
}

/** @public */
export interface ArgoCDApplication {
  metadata?: {
    name?: string;
    namespace?: string;
    labels?: Record<string, string>;
  };
  spec?: {
    project?: string;
    source?: ArgoCDApplicationSource;
    sources?: ArgoCDApplicationSource[];
    destination?: { server?: string; name?: string; namespace?: string };
    syncPolicy?: {
      automated?: { prune?: boolean; selfHeal?: boolean; enabled?: boolean };
    };
  };
  status?: {
    sync?: { status?: string; revision?: string; revisions?: string[] };
    health?: { status?: string; message?: string };
    operationState?: {
      phase?: string;
      message?: string;
      startedAt?: string;
      finishedAt?: string;
    };
    history?: ArgoCDRevisionHistory[];
    reconciledAt?: string;
    /** Sync status and health of each managed resource (no live objects: those are in the tree). */
    resources?: ArgoCDResourceStatus[];
  };
}

/** One entry of status.resources. @public */
export interface ArgoCDResourceStatus {
  group?: string;
  version?: string;
  kind?: string;
  namespace?: string;
  name?: string;
  status?: string;
  health?: { status?: string; message?: string };
}

/** @public */
export interface ArgoCDApplicationList {
  items?: ArgoCDApplication[] | null;
}

/** @public */
export interface ArgoCDRevisionMetadata {
  author?: string;
  date?: string;
  message?: string;
  tags?: string[];
}

/** Filters of `GET /api/v1/applications`. @public */
export interface ArgoCDApplicationQuery {
  name?: string;
  /** A Kubernetes label selector; validated and encoded by the client. */
  selector?: string;
  projects?: string[];
  appNamespace?: string;
}

/** The projection the cards need: everything but the heavy resource trees. @public */
export const APPLICATION_LIST_FIELDS = [
  'items.metadata.name',
  'items.metadata.namespace',
  'items.spec.project',
  'items.spec.source',
  'items.spec.sources',
  'items.spec.destination',
  'items.spec.syncPolicy.automated',
  'items.status.sync.status',
  'items.status.sync.revision',
  'items.status.sync.revisions',
  'items.status.health',
  'items.status.operationState.phase',
  'items.status.operationState.message',
  'items.status.operationState.startedAt',
  'items.status.operationState.finishedAt',
  'items.status.history',
  'items.status.reconciledAt',
  'items.status.resources',
];
export * from './resourceTypes';
