import type { Entity } from '@backstage/catalog-model';
import {
  FORGEJO_HOST_ANNOTATION,
  FORGEJO_REPO_SLUG_ANNOTATION,
  SOURCE_LOCATION_ANNOTATION,
} from './annotations';

/**
 * Where a repository lives; `host` is absent when the entity does not say.
 * @public
 */
export interface ForgejoRepoLocation {
  host?: string;
  owner: string;
  repo: string;
}

const NAME = /^[A-Za-z0-9_.-]+$/;

/**
 * Parses `owner/repo` (a trailing `.git` is dropped); returns undefined when malformed.
 * @public
 */
export function parseRepoSlug(
  slug: string | undefined,
): { owner: string; repo: string } | undefined {
  if (!slug) return undefined;
  const parts = slug
    .trim()
    .replace(/\.git$/, '')
    .split('/');
  const valid = (p: string) => NAME.test(p) && p !== '.' && p !== '..';
  if (parts.length !== 2 || !parts.every(valid)) return undefined;
  return { owner: parts[0], repo: parts[1] };
}

/**
 * Parses a source location (`url:https://host/owner/repo/src/branch/feature/x/`) into host, owner and repo.
 * Only the first two path segments name the repository, so refs containing `/` are harmless.
 * `basePath` is the path prefix of the Forgejo base URL (for Forgejo served under a sub-path).
 * @public
 */
export function parseSourceLocation(
  location: string | undefined,
  basePath = '',
): ForgejoRepoLocation | undefined {
  if (!location) return undefined;
  const target = location.replace(/^url:/, '');
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return undefined;
  }
  let path = url.pathname;
  const prefix = basePath.replace(/\/+$/, '');
  if (prefix && path.startsWith(`${prefix}/`)) path = path.slice(prefix.length);
  const [owner, repo] = path.split('/').filter(Boolean);
  const parsed = parseRepoSlug(owner && repo ? `${owner}/${repo}` : undefined);
  return parsed ? { host: url.host, ...parsed } : undefined;
}

/** Forgejo/Gitea web URLs of a tree or file have `/src/branch|tag|commit/` after `owner/repo`. */
const GITEA_TREE_PATH = /^\/[^/]+\/[^/]+\/src\/(branch|tag|commit)\//;

/**
 * The repository an entity names through its annotations, without checking the configuration:
 * `forgejo.org/repo-slug` (+ optional `forgejo.org/host`) first, then `backstage.io/source-location`.
 * @public
 */
export function getForgejoRepoLocation(
  entity: Entity,
): ForgejoRepoLocation | undefined {
  const annotations = entity.metadata.annotations ?? {};
  const slug = parseRepoSlug(annotations[FORGEJO_REPO_SLUG_ANNOTATION]);
  if (slug) {
    const host = annotations[FORGEJO_HOST_ANNOTATION]?.trim();
    return host ? { host, ...slug } : slug;
  }
  return parseSourceLocation(annotations[SOURCE_LOCATION_ANNOTATION]);
}

/**
 * Whether the Forgejo cards apply to an entity. True when it carries `forgejo.org/repo-slug`, or when its
 * source location is on one of `giteaHosts` (the configured `integrations.gitea` hosts, when known) or,
 * without a host list, looks like a Forgejo/Gitea tree URL (`/owner/repo/src/branch/...`).
 * The backend still checks the host against its configuration and says which host is missing.
 * @public
 */
export function isForgejoAvailable(
  entity: Entity,
  options: { giteaHosts?: string[] } = {},
): boolean {
  const annotations = entity.metadata.annotations ?? {};
  if (parseRepoSlug(annotations[FORGEJO_REPO_SLUG_ANNOTATION])) return true;
  const location = annotations[SOURCE_LOCATION_ANNOTATION];
  const parsed = parseSourceLocation(location);
  if (!parsed) return false;
  if (options.giteaHosts) return options.giteaHosts.includes(parsed.host!);
  try {
    return GITEA_TREE_PATH.test(
      new URL(location!.replace(/^url:/, '')).pathname,
    );
  } catch {
    return false;
  }
}
