import type { CompoundEntityRef } from '@backstage/catalog-model';
import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { TERRAFORM_PLUGIN_ID } from '@edp/plugin-terraform-common';
import type { TerraformApi } from './TerraformApi';

/** Calls the `edp-terraform` backend through the app's discovery and authenticated fetch. @public */
export class TerraformClient implements TerraformApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  getState(entity: CompoundEntityRef) {
    return this.request(entity, '/state', 'GET');
  }

  checkDrift(entity: CompoundEntityRef) {
    return this.request(entity, '/drift/check', 'POST');
  }

  private async request(
    entity: CompoundEntityRef,
    path: string,
    method: 'GET' | 'POST',
  ): Promise<any> {
    const base = await this.discoveryApi.getBaseUrl(TERRAFORM_PLUGIN_ID);
    const entityPath = [entity.kind, entity.namespace, entity.name]
      .map(part => encodeURIComponent(part.toLocaleLowerCase('en-US')))
      .join('/');
    const response = await this.fetchApi.fetch(
      `${base}/entity/${entityPath}${path}`,
      { method },
    );
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return response.json();
  }
}
