/**
 * The Forgejo cards read no config: hosts and credentials (integrations.gitea) and the cache and
 * timeout settings are backend-only (@edp/plugin-forgejo-backend, @edp/plugin-forgejo-node).
 */
export interface Config {}
