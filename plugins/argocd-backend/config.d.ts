/**
 * The ArgoCD backend reads the `argocd` section described by @edp/plugin-argocd-node
 * (instances, credentials, timeouts and cache timing); it adds no keys of its own.
 */
export interface Config {}
