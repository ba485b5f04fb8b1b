export interface Config {
  argocd?: {
    /**
     * Username used for instances that set no credentials of their own (the Roadie-compatible form).
     * There is no built-in default: an instance without credentials is a config error.
     */
    username?: string;
    /**
     * Password used together with `argocd.username`.
     * @visibility secret
     */
    password?: string;
    /** How long (seconds) an answer from ArgoCD is served from cache before it is refreshed. Default 15. */
    cacheTtlSeconds?: number;
    /** How long (seconds) past the TTL a cached answer may still be served while it refreshes in the background. Default 120. */
    staleSeconds?: number;
    /** Where the ArgoCD instances are. */
    appLocatorMethods?: Array<{
      /** Only `config` is supported. */
      type: string;
      instances: Array<{
        /** Instance name, used by the `argocd/instance-name` annotation. */
        name: string;
        /** Base URL of the ArgoCD API server, e.g. https://argocd.example.com */
        url: string;
        /** URL of the ArgoCD web UI when it differs from `url`. */
        uiUrl?: string;
        /** Milliseconds after which a request to this instance is abandoned. Default 10000. */
        timeoutMs?: number;
        /**
         * A static ArgoCD API token (account token).
         * @visibility secret
         */
        token?: string;
        /** Username for session login (`POST /api/v1/session`). */
        username?: string;
        /**
         * Password for session login.
         * @visibility secret
         */
        password?: string;
      }>;
    }>;
  };
}
