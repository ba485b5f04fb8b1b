/**
 * The Terraform card (pluginId `edp-terraform`): outputs, resources, last runs and drift of the
 * state an entity names in `edp.io/terraform-state`.
 *
 * The default export is the new-frontend-system plugin, so the app's feature discovery installs it;
 * the named exports serve apps on the legacy system.
 *
 * @packageDocumentation
 */
export { default } from './alpha';
export { terraformPlugin, EntityTerraformCard } from './plugin';
export { terraformApiRef, type TerraformApi, TerraformClient } from './api';
export { isTerraformAvailable } from '@edp/plugin-terraform-common';
