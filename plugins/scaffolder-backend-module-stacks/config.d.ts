/**
 * Clusters and credentials come from `kubernetes.clusterLocatorMethods` (declared by the Kubernetes
 * plugin) and Forgejo hosts and tokens from `integrations.gitea`. This module only adds the portal's
 * placement defaults, read by the `edp:defaults:resolve` action, and the namespaces ordinary applies may use.
 */
export interface Config {
  edp?: {
    kubernetes?: {
      /**
       * Namespaces `edp:kubernetes:apply` may write to with the permission `edp.kubernetes.apply`:
       * exact names, or prefixes such as `team-*`. Objects in any other namespace, cluster-scoped
       * kinds (Namespace included), RBAC kinds and Secrets also need `edp.kubernetes.apply.privileged`,
       * whatever the template says. Empty or absent: every object needs it.
       */
      namespaceAllowlist?: string[];
    };
    /**
     * Where the golden-path templates put things when the user leaves a placement field empty.
     * These are names and URLs, not credentials. A key that is not set falls back to the only
     * configured choice (one `integrations.gitea` host, one cluster, one ArgoCD instance); with
     * several, the template fails and asks for the field or for this key.
     * Visible to the frontend: the templates' `EdpPlacement` form field pre-fills itself with them.
     */
    defaults?: {
      /**
       * Forgejo host receiving the templates' repositories: the `host` of an `integrations.gitea`
       * entry (which holds its token), e.g. `forgejo.example.com` or `127.0.0.1:7101`.
       * @visibility frontend
       */
      forgejoHost?: string;
      /**
       * Forgejo organisation (or the integration's user) owning the templates' repositories.
       * @visibility frontend
       */
      repoOwner?: string;
      /**
       * Cluster where ArgoCD runs and the templates' Applications are applied: the `name` of a
       * cluster of `kubernetes.clusterLocatorMethods` (type `config`).
       * @visibility frontend
       */
      cluster?: string;
      /**
       * ArgoCD instance that reconciles that cluster's Applications, written on the created catalog
       * entities (`argocd/instance-name`): the `name` of an `argocd.appLocatorMethods[].instances` entry.
       * @visibility frontend
       */
      argocdInstance?: string;
      /**
       * URL of the folder holding the stacks offered by the provision-stack template, read through
       * Backstage's URL reader, e.g. `https://forgejo.example.com/platform/stacks/src/branch/main`.
       * @visibility frontend
       */
      stacksLocation?: string;
    };
  };
}
