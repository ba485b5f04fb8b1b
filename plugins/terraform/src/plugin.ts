import { createPlugin } from '@backstage/core-plugin-api';
import { TERRAFORM_PLUGIN_ID } from '@edp/plugin-terraform-common';
import {
  entityBackendApiFactory,
  lazyEntityComponentsOf,
} from '@edp/plugin-edp-react';
import { terraformApiRef, TerraformClient } from './api';

/** The plugin for apps on the legacy frontend system. @public */
export const terraformPlugin = createPlugin({
  id: TERRAFORM_PLUGIN_ID,
  apis: [entityBackendApiFactory(terraformApiRef, TerraformClient)],
});

const lazy = lazyEntityComponentsOf(
  terraformPlugin,
  () => import('./components'),
);

/** The Terraform card for legacy entity pages; wrap it in `<EntitySwitch.Case if={isTerraformAvailable}>`. @public */
export const EntityTerraformCard = lazy('TerraformCard');
