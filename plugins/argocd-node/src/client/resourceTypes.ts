/**
 * ArgoCD's answers about an application's live objects (argocd-swagger.json: v1alpha1ApplicationTree,
 * applicationManagedResourcesResponse, eventsEventList). Only the fields the resources view reads.
 */

/** @public */
export interface ArgoCDResourceRef {
  group?: string;
  version?: string;
  kind?: string;
  namespace?: string;
  name?: string;
  uid?: string;
}

/** @public */
export interface ArgoCDResourceNode extends ArgoCDResourceRef {
  health?: { status?: string; message?: string };
  parentRefs?: ArgoCDResourceRef[];
  createdAt?: string;
  info?: Array<{ name?: string; value?: string }>;
}

/** @public */
export interface ArgoCDApplicationTree {
  nodes?: ArgoCDResourceNode[] | null;
}

/** One managed resource with git's state and the cluster's, as JSON strings. @public */
export interface ArgoCDResourceDiff {
  group?: string;
  kind?: string;
  namespace?: string;
  name?: string;
  targetState?: string;
  liveState?: string;
  normalizedLiveState?: string;
  predictedLiveState?: string;
  modified?: boolean;
  hook?: boolean;
}

/** @public */
export interface ArgoCDEvent {
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  firstTimestamp?: string;
  lastTimestamp?: string;
  eventTime?: string;
  involvedObject?: { kind?: string; name?: string; namespace?: string };
}
