/**
 * Shared types, annotations and permissions of the EDP ArgoCD plugins (pluginId `edp-argocd`).
 *
 * @packageDocumentation
 */
export * from './annotations';
export * from './permissions';
export * from './types';
export * from './resourceTypes';

/** The plugin id of the EDP ArgoCD frontend and backend; distinct from Roadie's and the community's. @public */
export const ARGOCD_PLUGIN_ID = 'edp-argocd';
