import type {
  ForgejoApiRepository,
  ForgejoClient,
} from '@edp/plugin-forgejo-node';
import type { ForgejoDiscoveryConfig } from './providerConfig';

/** What one organisation yielded: catalog file URLs, and why the other repositories were left out. */
export interface OrganizationScan {
  organization: string;
  targets: string[];
  repositories: number;
  skipped: {
    archived: number;
    empty: number;
    notMatchingPattern: number;
    withoutCatalogFile: number;
  };
}

/** Forgejo's largest page; fewer round trips than its default of 30. */
const PAGE_SIZE = 50;
/** A server that keeps saying "more" cannot keep a scan going forever: 500 pages is 25 000 repositories. */
const MAX_PAGES = 500;

/**
 * Lists every repository of one organisation and returns the URL of the catalog file in each one
 * that has it, on the repository's own default branch unless the provider names a branch.
 * Archived and empty repositories are skipped without a request. Failures (timeouts, 5xx, 429,
 * garbage) propagate as ForgejoError: the caller decides what to keep.
 */
export async function scanOrganization(
  client: ForgejoClient,
  config: ForgejoDiscoveryConfig,
  organization: string,
  signal?: AbortSignal,
): Promise<OrganizationScan> {
  const scan: OrganizationScan = {
    organization,
    targets: [],
    repositories: 0,
    skipped: {
      archived: 0,
      empty: 0,
      notMatchingPattern: 0,
      withoutCatalogFile: 0,
    },
  };
  const candidates: ForgejoApiRepository[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const result = await client.listOrganizationRepositories(
      config.host,
      organization,
      { page, limit: PAGE_SIZE },
      { signal },
    );
    for (const repo of result.items) {
      scan.repositories++;
      if (repo.archived && !config.includeArchived) scan.skipped.archived++;
      else if (repo.empty) scan.skipped.empty++;
      else if (
        config.repositoryPattern &&
        !config.repositoryPattern.test(repo.name ?? '')
      ) {
        scan.skipped.notMatchingPattern++;
      } else candidates.push(repo);
    }
    if (!result.hasMore || result.items.length === 0) break;
  }

  // The client caps concurrent calls per host, so checking all candidates at once is safe.
  const found = await Promise.all(
    candidates.map(async repo => {
      const owner = repo.owner?.login ?? organization;
      const name = repo.name ?? '';
      const branch = config.branch ?? repo.default_branch ?? 'main';
      const ref = { host: config.host, owner, repo: name };
      const exists = await client.hasFile(ref, config.catalogPath, branch, {
        signal,
      });
      return exists
        ? client.webUrl(ref, fileOnBranchPath(branch, config.catalogPath))
        : undefined;
    }),
  );
  for (const target of found) {
    if (target) scan.targets.push(target);
    else scan.skipped.withoutCatalogFile++;
  }
  return scan;
}

/**
 * Where a file on a branch lies below a repository's web URL, as Backstage's Gitea URL reader
 * expects it: `/src/branch/<branch>/<path>`. The reader takes the branch as one path segment, so a
 * branch such as `release/1.0` is sent encoded (`release%2F1.0`).
 */
export function fileOnBranchPath(branch: string, path: string): string {
  const enc = encodeURIComponent;
  const file = path.split('/').map(enc).join('/');
  return `/src/branch/${enc(branch)}/${file}`;
}
