import type { Entity } from '@backstage/catalog-model';
import {
  FORGEJO_HOST_ANNOTATION,
  FORGEJO_REPO_SLUG_ANNOTATION,
  SOURCE_LOCATION_ANNOTATION,
  parseRepoSlug,
  parseSourceLocation,
} from '@edp/plugin-forgejo-common';
import {
  type GiteaIntegrationConfig,
  type ScmIntegrationRegistry,
} from '@backstage/integration';
import { forgejoError } from './errors';

/**
 * A configured Forgejo host, resolved from `integrations.gitea`. Holds the credential: never send it to a browser.
 * @public
 */
export interface ForgejoHost {
  /** As configured in `integrations.gitea[].host`, e.g. `git.example.com` or `127.0.0.1:7101`. */
  host: string;
  /** Web base URL without trailing slash, e.g. `https://git.example.com`. */
  webBaseUrl: string;
  /** REST base URL, `<webBaseUrl>/api/v1`. */
  apiBaseUrl: string;
  /** `token <PAT>` or `Basic …`; undefined for anonymous access. */
  authorization?: string;
  /** The same credential for git over HTTP: the integration's user name (if any) and password or token. */
  credentials?: { username?: string; password: string };
}

/**
 * A repository on a configured host.
 * @public
 */
export interface ForgejoRepoRef {
  host: string;
  owner: string;
  repo: string;
}

/** Builds the Authorization header the way Backstage's Gitea integration does: Basic with a username, else a token. */
function authorizationFor(config: GiteaIntegrationConfig): string | undefined {
  if (!config.password) return undefined;
  if (config.username) {
    const basic = Buffer.from(`${config.username}:${config.password}`).toString(
      'base64',
    );
    return `Basic ${basic}`;
  }
  return `token ${config.password}`;
}

/**
 * The Forgejo hosts of `integrations.gitea`, and how entities map onto them.
 * @public
 */
export class ForgejoHosts {
  private readonly byHost = new Map<string, ForgejoHost>();

  constructor(integrations: ScmIntegrationRegistry) {
    for (const integration of integrations.gitea.list()) {
      const { config } = integration;
      const webBaseUrl = (config.baseUrl ?? `https://${config.host}`).replace(
        /\/+$/,
        '',
      );
      this.byHost.set(config.host, {
        host: config.host,
        webBaseUrl,
        apiBaseUrl: `${webBaseUrl}/api/v1`,
        authorization: authorizationFor(config),
        credentials: config.password
          ? { username: config.username, password: config.password }
          : undefined,
      });
    }
  }

  /** Configured host names, in config order. */
  list(): string[] {
    return [...this.byHost.keys()];
  }

  /** The configured host, or a MISSING_INTEGRATION error naming it. */
  get(host: string): ForgejoHost {
    const found = this.byHost.get(host);
    if (!found) {
      const known = this.list();
      throw forgejoError(
        'MISSING_INTEGRATION',
        `No integrations.gitea entry for host "${host}"; add one with host: ${host} (and baseUrl, password) to app-config.${
          known.length ? ` Configured hosts: ${known.join(', ')}.` : ''
        }`,
        { host, configuredHosts: known },
      );
    }
    return found;
  }

  /**
   * The repository an entity points at: `forgejo.org/repo-slug` (+ `forgejo.org/host`, else the first
   * configured host), otherwise `backstage.io/source-location` when it lies on a configured host.
   */
  resolveEntity(entity: Entity): ForgejoRepoRef {
    const annotations = entity.metadata.annotations ?? {};
    const slugValue = annotations[FORGEJO_REPO_SLUG_ANNOTATION];
    if (slugValue !== undefined) {
      const slug = parseRepoSlug(slugValue);
      if (!slug) {
        throw forgejoError(
          'NOT_CONFIGURED',
          `Annotation ${FORGEJO_REPO_SLUG_ANNOTATION} must be "owner/repo", got "${slugValue}".`,
        );
      }
      const wanted =
        annotations[FORGEJO_HOST_ANNOTATION]?.trim() || this.list()[0];
      if (!wanted) throw this.noHostsError();
      return { host: this.get(wanted).host, ...slug };
    }
    const location = annotations[SOURCE_LOCATION_ANNOTATION];
    if (location) {
      for (const candidate of this.byHost.values()) {
        const base = new URL(candidate.webBaseUrl);
        const parsed = parseSourceLocation(location, base.pathname);
        if (parsed && parsed.host === base.host) {
          return {
            host: candidate.host,
            owner: parsed.owner,
            repo: parsed.repo,
          };
        }
      }
      const parsed = parseSourceLocation(location);
      if (parsed?.host) this.get(parsed.host); // throws MISSING_INTEGRATION naming the host
    }
    throw forgejoError(
      'NOT_CONFIGURED',
      `The entity has no ${FORGEJO_REPO_SLUG_ANNOTATION} annotation and its ${SOURCE_LOCATION_ANNOTATION} is not on a configured Forgejo host.`,
    );
  }

  private noHostsError() {
    return forgejoError(
      'MISSING_INTEGRATION',
      'No integrations.gitea entries are configured; add one with host, baseUrl and password (a token works) to app-config.',
      { configuredHosts: [] },
    );
  }
}
