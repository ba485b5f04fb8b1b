/**
 * Backend of the EDP Terraform card (pluginId `edp-terraform`).
 *
 * @packageDocumentation
 */
export { terraformBackendPlugin as default } from './plugin';
