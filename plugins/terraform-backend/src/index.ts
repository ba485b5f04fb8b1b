/**
 * Backend of the EDP Terraform card (pluginId `edp-terraform`).
 *
 * @packageDocumentation
 */
export { terraformPlugin as default } from './plugin';
