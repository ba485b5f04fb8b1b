/**
 * The ArgoCD cards read no config: instances, credentials and timeouts are backend-only
 * (see @edp/plugin-argocd-node), so nothing about ArgoCD reaches the browser.
 */
export interface Config {}
