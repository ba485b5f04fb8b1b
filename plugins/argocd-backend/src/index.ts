/**
 * Backend of the EDP ArgoCD entity cards (pluginId `edp-argocd`).
 *
 * @packageDocumentation
 */
export { argocdBackendPlugin as default } from './plugin';
