import { InputError } from '@backstage/errors';
import type { ScmIntegrationRegistry } from '@backstage/integration';
import { parseRepoUrl } from '@backstage/plugin-scaffolder-node';

/** Where publish:forgejo writes: a configured `integrations.gitea` host, an optional owner and a name. */
export interface PublishTarget {
  host: string;
  /** Undefined when repoUrl names no owner: the repository goes to the authenticated user. */
  owner?: string;
  repo: string;
  /** The token input, used instead of the integration's credentials when given. */
  token?: string;
}

/** Forgejo's rule for repository and owner names (alpha, numeric, dash, underscore, dot). */
const NAME = /^[-.\w]+$/;

/**
 * Reads `repoUrl` (`host?owner=X&repo=Y`) and checks it against `integrations.gitea`, so that
 * nothing is ever sent to a host the operator did not configure. Errors name the field and the fix.
 */
export function resolveTarget(
  repoUrl: string,
  integrations: ScmIntegrationRegistry,
  token?: string,
): PublishTarget {
  let parsed: ReturnType<typeof parseRepoUrl>;
  try {
    parsed = parseRepoUrl(repoUrl, integrations);
  } catch (e) {
    throw new InputError(
      `repoUrl "${repoUrl}" is not usable: ${
        (e as Error).message
      }. Expected host?owner=<owner>&repo=<name>, ` +
        `with the host listed under integrations.gitea.`,
    );
  }
  const integration = integrations.gitea.byHost(parsed.host);
  if (!integration) {
    throw new InputError(
      `repoUrl host "${
        parsed.host
      }" is not a Forgejo host: it is configured as ${
        integrations.byHost(parsed.host)?.type
      } ` +
        `integration. Add it under integrations.gitea or use the publish action for that host.`,
    );
  }
  for (const [field, value] of [
    ['repo', parsed.repo],
    ['owner', parsed.owner],
  ] as const) {
    if (
      value !== undefined &&
      (!NAME.test(value) || value === '.' || value === '..')
    ) {
      throw new InputError(
        `repoUrl ${field} "${value}" is not a valid Forgejo name: use letters, digits, "-", "_" and "."`,
      );
    }
  }
  if (!token && !integration.config.password) {
    throw new InputError(
      `integrations.gitea entry for ${parsed.host} has no password (or token), and no token input was given: ` +
        `publish:forgejo needs credentials that may create repositories.`,
    );
  }
  return {
    host: parsed.host,
    owner: parsed.owner,
    repo: parsed.repo,
    token,
  };
}
