export interface Config {
  edp?: {
    permission?: {
      /**
       * Groups whose members may do everything that acts with the backend's own credentials: the
       * Kubernetes proxy, the EDP plugins' mutating permissions (ArgoCD sync and refresh, Kubernetes
       * apply, stack provisioning, terraform apply and destroy, Forgejo publishing), the privileged
       * scaffolder actions, and every other permission that is not a read,
       * e.g. `group:default/platform-engineers`. Everyone may read. Empty or absent: nobody may.
       */
      privilegedGroups?: string[];
      /**
       * Who may register catalog locations (`catalog.location.create`, `catalog.location.analyze`,
       * `catalog.entity.create`): `privileged` (default) or `everyone`. A registered location can hold
       * a template, so opening this lets every user publish templates to the portal.
       */
      locationRegistration?: 'privileged' | 'everyone';
      /**
       * Scaffolder action ids that only privileged users may execute, in addition to the built-in
       * list (edp:kubernetes:apply, edp:argocd:application:create, edp:stack:provision,
       * edp:terraform:run, publish:forgejo). Add every action you install that writes with
       * server-held credentials, e.g. `publish:github`.
       */
      privilegedActions?: string[];
    };
  };
}
