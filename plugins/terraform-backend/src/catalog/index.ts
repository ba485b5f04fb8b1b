/**
 * Catalog module of the EDP Terraform backend: the drift result as the catalog status
 * `edp.io/terraform-drift`. Added with `backend.add(import('@edp/plugin-terraform-backend/catalog'))`.
 *
 * @packageDocumentation
 */
export { catalogModuleTerraformDriftStatus as default } from './module';
