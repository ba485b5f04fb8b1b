export interface Config {
  /**
   * Settings of the Forgejo client shared by the forgejo backend and the scaffolder actions.
   * Hosts and credentials come from `integrations.gitea`.
   */
  forgejo?: {
    /** Timeout of one upstream Forgejo call, in milliseconds. Default 10000. */
    requestTimeoutMs?: number;
    /** Upstream calls in flight per Forgejo host; further calls wait. Default 8. */
    maxConcurrentRequestsPerHost?: number;
  };
}
