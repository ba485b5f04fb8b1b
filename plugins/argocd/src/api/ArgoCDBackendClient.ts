import type { CompoundEntityRef } from '@backstage/catalog-model';
import {
  ARGOCD_PLUGIN_ID,
  type ArgoCDRevisionRef,
  type ArgoCDRollbackRequest,
} from '@edp/plugin-argocd-common';
import {
  EntityBackendClient,
  type EntityBackendClientOptions,
} from '@edp/plugin-edp-react';
import type { ArgoCDApi, ArgoCDAppTarget } from './ArgoCDApi';

/** `/applications/<instance>/<app>/<action>` of the backend. */
function applicationPath(target: ArgoCDAppTarget, action: string) {
  return `/applications/${encodeURIComponent(
    target.instance,
  )}/${encodeURIComponent(target.app)}/${action}`;
}

/**
 * ArgoCDApi over the `edp-argocd` backend, through the app's discovery and authenticated fetch.
 * (`ArgoCDClient` of `@edp/plugin-argocd-node` is the client of ArgoCD itself, on the server.)
 * @public
 */
export class ArgoCDBackendClient
  extends EntityBackendClient
  implements ArgoCDApi
{
  constructor(options: EntityBackendClientOptions) {
    super(ARGOCD_PLUGIN_ID, options);
  }

  getOverview(entity: CompoundEntityRef) {
    return this.requestJson<any>(entity, '/overview');
  }

  getHistory(entity: CompoundEntityRef) {
    return this.requestJson<any>(entity, '/history');
  }

  getRevisionMetadata(
    entity: CompoundEntityRef,
    revisions: ArgoCDRevisionRef[],
  ) {
    return this.requestJson<any>(entity, '/history/metadata', {
      method: 'POST',
      body: { revisions },
    });
  }

  runAction(
    entity: CompoundEntityRef,
    action: 'sync' | 'refresh',
    target: ArgoCDAppTarget,
  ) {
    return this.application(entity, target, action, {});
  }

  getResources(entity: CompoundEntityRef, target: ArgoCDAppTarget) {
    return this.application(entity, target, 'resources');
  }

  getDiffs(entity: CompoundEntityRef, target: ArgoCDAppTarget) {
    return this.application(entity, target, 'diff');
  }

  rollback(
    entity: CompoundEntityRef,
    target: ArgoCDAppTarget,
    request: ArgoCDRollbackRequest,
  ) {
    return this.application(entity, target, 'rollback', request);
  }

  /** One application's route; a body makes it a POST. */
  private application(
    entity: CompoundEntityRef,
    target: ArgoCDAppTarget,
    action: string,
    body?: unknown,
  ) {
    return this.requestJson<any>(entity, applicationPath(target, action), {
      method: body === undefined ? 'GET' : 'POST',
      body,
      query: { namespace: target.namespace },
    });
  }
}

/**
 * @public
 * @deprecated Renamed to {@link ArgoCDBackendClient}, so that `ArgoCDClient` only names
 * argocd-node's client of ArgoCD; this alias goes in the next release.
 */
export class ArgoCDClient extends ArgoCDBackendClient {}
