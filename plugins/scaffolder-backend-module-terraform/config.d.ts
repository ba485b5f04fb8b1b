export interface Config {
  edp?: {
    /**
     * How the `edp:terraform:run` scaffolder action finds and runs the Terraform CLI.
     * Templates cannot choose the binary or add CLI flags: only this config can.
     */
    terraform?: {
      /**
       * Path of the `terraform` or `tofu` executable. A relative path is resolved
       * against the backend's working directory; a bare name is looked up on PATH.
       */
      binary?: string;
      /**
       * Which CLI the binary is: `terraform` (default) or `tofu` (OpenTofu).
       * Only changes the wording of log lines and errors.
       */
      flavor?: 'terraform' | 'tofu';
      /**
       * Version constraint the binary must satisfy, in Terraform's syntax,
       * e.g. `>= 1.6, < 2.0` or `~> 1.9`. Checked with `version -json` before each run.
       */
      requiredVersion?: string;
      /**
       * Seconds to wait after SIGINT (graceful stop, releases the state lock)
       * before SIGKILL when a task is cancelled. Default 60.
       */
      cancelGracePeriodSeconds?: number;
      /**
       * Modules that templates may copy into their workspace with `edp:terraform:module:fetch`,
       * by name: { name: folder }. Relative folders resolve against the backend's working directory.
       */
      modules?: {
        [name: string]: string;
      };
      /**
       * Where `edp:terraform:run` keeps the state of a module that declares no backend, so that it
       * outlives the task: Terraform's own `kubernetes` backend (a Secret per state, a Lease as lock).
       * Without it, apply and destroy refuse local state unless the template sets `ephemeralState: true`.
       */
      stateBackend?: {
        kubernetes?: {
          /** Name of a cluster of kubernetes.clusterLocatorMethods (type: config); its token is used. */
          cluster: string;
          /** Namespace of the state Secrets and Leases (it must exist). Default "default". */
          namespace?: string;
        };
      };
    };
  };
}
