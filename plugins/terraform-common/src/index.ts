/**
 * Shared types, annotations and permissions of the EDP Terraform plugins (pluginId `edp-terraform`).
 *
 * @packageDocumentation
 */
export * from './annotations';
export * from './permissions';
export * from './types';

/** The plugin id of the EDP Terraform card and its backend. @public */
export const TERRAFORM_PLUGIN_ID = 'edp-terraform';
