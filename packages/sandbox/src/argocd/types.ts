/**
 * The parts of ArgoCD's `v1alpha1Application` (argocd-swagger.json, argocd-application-crd.yaml)
 * that the stand-in reads or writes. Objects may carry any other field the CRD allows: the store
 * keeps whatever it is given, so these types are deliberately open.
 */

export interface ObjectMeta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  finalizers?: string[];
  [key: string]: unknown;
}

export interface ApplicationSource {
  repoURL: string;
  path?: string;
  targetRevision?: string;
  chart?: string;
  [key: string]: unknown;
}

export interface OperationInitiator {
  username?: string;
  automated?: boolean;
}

export interface SyncOperation {
  revision?: string;
  prune?: boolean;
  dryRun?: boolean;
  syncOptions?: string[];
  source?: ApplicationSource;
  [key: string]: unknown;
}

export interface Operation {
  sync?: SyncOperation;
  initiatedBy?: OperationInitiator;
  info?: Array<{ name: string; value: string }>;
  retry?: Record<string, unknown>;
}

export type OperationPhase =
  | 'Running'
  | 'Terminating'
  | 'Failed'
  | 'Error'
  | 'Succeeded';

export interface OperationState {
  operation: Operation;
  phase: OperationPhase;
  message?: string;
  startedAt: string;
  finishedAt?: string;
  retryCount?: number;
  syncResult?: {
    revision: string;
    source?: ApplicationSource;
    resources?: Array<Record<string, unknown>>;
  };
}

export interface RevisionHistory {
  id: number;
  revision?: string;
  deployedAt: string;
  deployStartedAt?: string;
  source?: ApplicationSource;
  initiatedBy?: OperationInitiator;
}

export type SyncStatusCode = 'Synced' | 'OutOfSync' | 'Unknown';
export type HealthStatusCode =
  | 'Healthy'
  | 'Progressing'
  | 'Degraded'
  | 'Suspended'
  | 'Missing'
  | 'Unknown';

export interface ApplicationStatus {
  sync?: {
    status: SyncStatusCode;
    revision?: string;
    comparedTo?: Record<string, unknown>;
  };
  health?: {
    status: HealthStatusCode;
    message?: string;
    lastTransitionTime?: string;
  };
  history?: RevisionHistory[];
  operationState?: OperationState;
  reconciledAt?: string;
  observedAt?: string;
  sourceType?: string;
  resources?: Array<Record<string, unknown>>;
  summary?: { images?: string[]; externalURLs?: string[] };
  conditions?: Array<{
    type: string;
    message: string;
    lastTransitionTime?: string;
  }>;
  [key: string]: unknown;
}

export interface ApplicationSpec {
  project: string;
  source?: ApplicationSource;
  sources?: ApplicationSource[];
  destination: { server?: string; name?: string; namespace?: string };
  syncPolicy?: {
    automated?: {
      prune?: boolean;
      selfHeal?: boolean;
      enabled?: boolean;
      allowEmpty?: boolean;
    };
    syncOptions?: string[];
    [key: string]: unknown;
  };
  revisionHistoryLimit?: number;
  [key: string]: unknown;
}

/** An ArgoCD Application, as the CRD stores it (apiVersion argoproj.io/v1alpha1, kind Application). */
export interface Application {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  spec: ApplicationSpec;
  status?: ApplicationStatus;
  operation?: Operation;
}

/** `v1alpha1RevisionMetadata`: what ArgoCD reads from git for one revision. */
export interface RevisionMetadata {
  author?: string;
  date?: string;
  message?: string;
  tags?: string[];
  signatureInfo?: string;
}

/** The namespace ArgoCD's control plane runs in; applications without a namespace live here. */
export const CONTROL_PLANE_NAMESPACE = 'argocd';

/** Annotation ArgoCD's API server sets to ask the controller for a refresh (`normal` or `hard`). */
export const REFRESH_ANNOTATION = 'argocd.argoproj.io/refresh';
