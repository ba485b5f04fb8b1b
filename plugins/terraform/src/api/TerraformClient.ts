import type { CompoundEntityRef } from '@backstage/catalog-model';
import {
  TERRAFORM_PLUGIN_ID,
  type TerraformDrift,
  type TerraformStateResponse,
} from '@edp/plugin-terraform-common';
import {
  EntityBackendClient,
  type EntityBackendClientOptions,
} from '@edp/plugin-edp-react';
import type { TerraformApi } from './TerraformApi';

/** Calls the `edp-terraform` backend through the app's discovery and authenticated fetch. @public */
export class TerraformClient
  extends EntityBackendClient
  implements TerraformApi
{
  constructor(options: EntityBackendClientOptions) {
    super(TERRAFORM_PLUGIN_ID, options);
  }

  getState(entity: CompoundEntityRef) {
    return this.requestJson<TerraformStateResponse>(entity, '/state');
  }

  checkDrift(entity: CompoundEntityRef) {
    return this.requestJson<TerraformDrift>(entity, '/drift/check', {
      method: 'POST',
    });
  }
}
