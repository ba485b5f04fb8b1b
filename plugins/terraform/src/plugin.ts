import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { TERRAFORM_PLUGIN_ID } from '@edp/plugin-terraform-common';
import { terraformApiRef } from './api/TerraformApi';
import { TerraformClient } from './api/TerraformClient';

/** The plugin for apps on the legacy frontend system. @public */
export const terraformPlugin = createPlugin({
  id: TERRAFORM_PLUGIN_ID,
  apis: [
    createApiFactory({
      api: terraformApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new TerraformClient({ discoveryApi, fetchApi }),
    }),
  ],
});

/** The Terraform card for legacy entity pages; wrap it in `<EntitySwitch.Case if={isTerraformAvailable}>`. @public */
export const EntityTerraformCard = terraformPlugin.provide(
  createComponentExtension({
    name: 'EntityTerraformCard',
    component: {
      lazy: () =>
        import('./components/TerraformCard').then(m => m.TerraformCard),
    },
  }),
);
