import { createApiRef } from '@backstage/core-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import type {
  ArgoCDActionResponse,
  ArgoCDApplicationResourcesResponse,
  ArgoCDResourceDiffResponse,
  ArgoCDRollbackRequest,
  ArgoCDRollbackResponse,
  ArgoCDHistoryResponse,
  ArgoCDOverviewResponse,
  ArgoCDRevisionMetadataResponse,
  ArgoCDRevisionRef,
} from '@edp/plugin-argocd-common';

/** One application of the entity on one instance. @public */
export interface ArgoCDAppTarget {
  instance: string;
  app: string;
  namespace?: string;
}

/** The EDP ArgoCD backend, as the cards use it. One request per card view. @public */
export interface ArgoCDApi {
  getOverview(entity: CompoundEntityRef): Promise<ArgoCDOverviewResponse>;
  getHistory(entity: CompoundEntityRef): Promise<ArgoCDHistoryResponse>;
  getRevisionMetadata(
    entity: CompoundEntityRef,
    revisions: ArgoCDRevisionRef[],
  ): Promise<ArgoCDRevisionMetadataResponse>;
  runAction(
    entity: CompoundEntityRef,
    action: 'sync' | 'refresh',
    target: ArgoCDAppTarget,
  ): Promise<ArgoCDActionResponse>;
  /** One application's resources and events (the resources view, when the application is opened). */
  getResources(
    entity: CompoundEntityRef,
    target: ArgoCDAppTarget,
  ): Promise<ArgoCDApplicationResourcesResponse>;
  /** Desired-vs-live diffs of the application's drifted resources (when a diff is opened). */
  getDiffs(
    entity: CompoundEntityRef,
    target: ArgoCDAppTarget,
  ): Promise<ArgoCDResourceDiffResponse>;
  rollback(
    entity: CompoundEntityRef,
    target: ArgoCDAppTarget,
    request: ArgoCDRollbackRequest,
  ): Promise<ArgoCDRollbackResponse>;
}

/** @public */
export const argocdApiRef = createApiRef<ArgoCDApi>({
  id: 'plugin.edp-argocd.api',
});
