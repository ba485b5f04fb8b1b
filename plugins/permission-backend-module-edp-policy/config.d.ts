export interface Config {
  edp?: {
    permission?: {
      /**
       * Groups whose members may use the EDP plugins' mutating permissions (ArgoCD sync and refresh,
       * stack provisioning, terraform apply and destroy), e.g. `group:default/platform-engineers`.
       * Everyone may read. Empty or absent: nobody may.
       */
      privilegedGroups?: string[];
    };
  };
}
