/**
 * Backend of the EDP ArgoCD entity cards (pluginId `edp-argocd`).
 *
 * @packageDocumentation
 */
export { argocdPlugin as default } from './plugin';
