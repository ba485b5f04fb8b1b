import type { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  catalog?: {
    providers?: {
      /**
       * Discovery of catalog files in Forgejo organisations, one entry per provider id.
       * Credentials come from the `integrations.gitea` entry whose `host` matches.
       */
      forgejo?: {
        [providerId: string]: {
          /** A host of `integrations.gitea`, e.g. `git.example.com` or `127.0.0.1:7101`. */
          host: string;
          /** Organisations whose repositories are scanned. */
          organizations?: string[];
          /** One organisation, spelled as in `catalog.providers.gitea`; same as `organizations: [name]`. */
          organization?: string;
          /** Path of the catalog file in each repository. Default `catalog-info.yaml`. */
          catalogPath?: string;
          /**
           * Branch to read in every repository. Leave unset to use each repository's own
           * default branch (recommended).
           */
          branch?: string;
          /** Only repositories whose name matches this regular expression. Default: all. */
          repositoryPattern?: string;
          /** Scan archived repositories too. Default false. */
          includeArchived?: boolean;
          /** When to scan. Default: every 30 minutes, 3 minute timeout. */
          schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
        };
      };
    };
  };
}
