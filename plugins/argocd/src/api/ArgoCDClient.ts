import type { CompoundEntityRef } from '@backstage/catalog-model';
import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  ARGOCD_PLUGIN_ID,
  type ArgoCDRevisionRef,
  type ArgoCDRollbackRequest,
} from '@edp/plugin-argocd-common';
import type { ArgoCDApi, ArgoCDAppTarget } from './ArgoCDApi';

/** `/applications/<instance>/<app>/<action>[?namespace=]` of the backend. */
function applicationPath(target: ArgoCDAppTarget, action: string) {
  const query = target.namespace
    ? `?namespace=${encodeURIComponent(target.namespace)}`
    : '';
  return `/applications/${encodeURIComponent(
    target.instance,
  )}/${encodeURIComponent(target.app)}/${action}${query}`;
}

/** Calls the `edp-argocd` backend through the app's discovery and authenticated fetch. @public */
export class ArgoCDClient implements ArgoCDApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  getOverview(entity: CompoundEntityRef) {
    return this.request(entity, '/overview');
  }

  getHistory(entity: CompoundEntityRef) {
    return this.request(entity, '/history');
  }

  getRevisionMetadata(
    entity: CompoundEntityRef,
    revisions: ArgoCDRevisionRef[],
  ) {
    return this.request(entity, '/history/metadata', { revisions });
  }

  runAction(
    entity: CompoundEntityRef,
    action: 'sync' | 'refresh',
    target: ArgoCDAppTarget,
  ) {
    return this.request(entity, applicationPath(target, action), {});
  }

  getResources(entity: CompoundEntityRef, target: ArgoCDAppTarget) {
    return this.request(entity, applicationPath(target, 'resources'));
  }

  getDiffs(entity: CompoundEntityRef, target: ArgoCDAppTarget) {
    return this.request(entity, applicationPath(target, 'diff'));
  }

  rollback(
    entity: CompoundEntityRef,
    target: ArgoCDAppTarget,
    request: ArgoCDRollbackRequest,
  ) {
    return this.request(entity, applicationPath(target, 'rollback'), request);
  }

  private async request(
    entity: CompoundEntityRef,
    path: string,
    body?: unknown,
  ): Promise<any> {
    const base = await this.discoveryApi.getBaseUrl(ARGOCD_PLUGIN_ID);
    const entityPath = [entity.kind, entity.namespace, entity.name]
      .map(part => encodeURIComponent(part.toLocaleLowerCase('en-US')))
      .join('/');
    const response = await this.fetchApi.fetch(
      `${base}/entity/${entityPath}${path}`,
      {
        method: body === undefined ? 'GET' : 'POST',
        headers:
          body === undefined
            ? undefined
            : { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      },
    );
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return response.json();
  }
}
