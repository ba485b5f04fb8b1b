import type { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  edp?: {
    /**
     * The Terraform card's backend reads `edp.terraform.*` (binary, modules, stateBackend) as
     * described by @edp/plugin-scaffolder-backend-module-terraform, and adds the drift check.
     */
    terraform?: {
      /**
       * The scheduled `plan -refresh-only -detailed-exitcode` of every entity annotated with
       * edp.io/terraform-state. It runs through the scheduler service: with several backend
       * replicas, one of them runs each round.
       */
      driftCheck?: {
        /** false: no scheduled check (the card's "Check now" still works). Default true. */
        enabled?: boolean;
        /**
         * How often and how long, in the scheduler's format. Default: every 1 hour, timeout 30 minutes,
         * first run 1 minute after start.
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
        /** Checks that run at the same time (each is one CLI process at a time). Default 2. */
        concurrency?: number;
        /** Seconds one entity's check may take before it is stopped and reported as an error. Default 300. */
        timeoutSeconds?: number;
      };
      /** Seconds the card's answer is served from cache. Default 10. */
      cacheSeconds?: number;
    };
  };
}
