import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import {
  isTerraformAvailable,
  TERRAFORM_PLUGIN_ID,
} from '@edp/plugin-terraform-common';
import { extensionsOf } from '@edp/plugin-edp-react/alpha';
import { terraformApiRef, TerraformClient } from './api';

const components = () => import('./components');
const { api, card, all } = extensionsOf(isTerraformAvailable, components);

/** @alpha */
export const terraformApi = api(terraformApiRef, TerraformClient);

/** The Terraform card on entities with `edp.io/terraform-state`. @alpha */
export const terraformCard = card('state', 'TerraformCard');

/** The EDP Terraform plugin for the new frontend system. @public */
export default createFrontendPlugin({
  pluginId: TERRAFORM_PLUGIN_ID,
  title: 'Terraform',
  info: { packageJson: () => import('../package.json') },
  extensions: all(),
});
