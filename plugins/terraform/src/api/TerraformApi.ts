import { createApiRef } from '@backstage/core-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import type {
  TerraformDrift,
  TerraformStateResponse,
} from '@edp/plugin-terraform-common';

/** The EDP Terraform backend, as the card uses it. One request per card view. @public */
export interface TerraformApi {
  /** The state the entity names: outputs, resources, last runs and the last drift result. */
  getState(entity: CompoundEntityRef): Promise<TerraformStateResponse>;
  /** Runs the drift check now (terraform.drift.check). */
  checkDrift(entity: CompoundEntityRef): Promise<TerraformDrift>;
}

/** @public */
export const terraformApiRef = createApiRef<TerraformApi>({
  id: 'plugin.edp-terraform.api',
});
