import { createApiRef } from '@backstage/core-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import type {
  ArgoCDActionResponse,
  ArgoCDHistoryResponse,
  ArgoCDOverviewResponse,
  ArgoCDRevisionMetadataResponse,
  ArgoCDRevisionRef,
} from '@edp/plugin-argocd-common';

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
    target: { instance: string; app: string; namespace?: string },
  ): Promise<ArgoCDActionResponse>;
}

/** @public */
export const argocdApiRef = createApiRef<ArgoCDApi>({
  id: 'plugin.edp-argocd.api',
});
