/**
 * The actions of this module read no configuration of their own: clusters and credentials come
 * from `kubernetes.clusterLocatorMethods` (declared by the Kubernetes plugin) and Forgejo hosts
 * from `integrations.gitea`.
 */
export interface Config {}
