import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import {
  isTerraformAvailable,
  TERRAFORM_PLUGIN_ID,
} from '@edp/plugin-terraform-common';
import { terraformApiRef } from '../api/TerraformApi';
import { TerraformClient } from '../api/TerraformClient';

/** @alpha */
export const terraformApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: terraformApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new TerraformClient({ discoveryApi, fetchApi }),
    }),
});

/** The Terraform card on entities with `edp.io/terraform-state`. @alpha */
export const terraformCard = EntityCardBlueprint.make({
  name: 'state',
  params: {
    type: 'content',
    filter: isTerraformAvailable,
    loader: () =>
      import('../components/TerraformCard').then(m => <m.TerraformCard />),
  },
});

/** The EDP Terraform plugin for the new frontend system. @alpha */
export default createFrontendPlugin({
  pluginId: TERRAFORM_PLUGIN_ID,
  title: 'Terraform',
  extensions: [terraformApi, terraformCard],
});
