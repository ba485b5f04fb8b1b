/**
 * Scaffolder action `edp:terraform:run`: runs terraform or tofu from a software template.
 *
 * @packageDocumentation
 */
export { scaffolderModuleTerraform as default } from './module';
export { createTerraformRunAction } from './actions/run';
export { createTerraformFetchModuleAction } from './actions/fetchModule';
export {
  terraformRunPlanPermission,
  terraformRunApplyPermission,
  terraformRunDestroyPermission,
  terraformPermissions,
} from './permissions';
export {
  readTerraformRunConfig,
  type TerraformRunConfig,
} from '@edp/plugin-terraform-node';
