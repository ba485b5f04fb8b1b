/**
 * The placement defaults of `@edp/plugin-scaffolder-backend-module-stacks`, declared here as well
 * because only the schemas of the app's own dependencies decide what reaches the browser. These
 * are names and URLs, never credentials.
 */
export interface Config {
  edp?: {
    defaults?: {
      /**
       * Forgejo host (an `integrations.gitea` host) that pre-fills EdpPlacement fields.
       * @visibility frontend
       */
      forgejoHost?: string;
      /**
       * Forgejo organisation or user that pre-fills EdpPlacement fields.
       * @visibility frontend
       */
      repoOwner?: string;
      /**
       * Cluster name that pre-fills EdpPlacement fields.
       * @visibility frontend
       */
      cluster?: string;
      /**
       * ArgoCD instance name that pre-fills EdpPlacement fields.
       * @visibility frontend
       */
      argocdInstance?: string;
      /**
       * Stacks folder URL that pre-fills EdpPlacement fields.
       * @visibility frontend
       */
      stacksLocation?: string;
    };
  };
}
