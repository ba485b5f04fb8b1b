import type {
  ForgejoApiRepository,
  ForgejoClient,
} from '@edp/plugin-forgejo-node';
import type { ForgejoDiscoveryConfig } from './providerConfig';
import type {
  RememberedOrganization,
  RememberedRepository,
} from './scanMemory';

/** What one organisation yielded: catalog file URLs, and why the other repositories were left out. */
export interface OrganizationScan {
  organization: string;
  targets: string[];
  repositories: number;
  /**
   * Repositories whose catalog file was looked up this time (one request each): new ones and those
   * that changed since the last scan. The others reused the last scan's answer without a request.
   */
  checked: number;
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
 * Archived and empty repositories are skipped without a request.
 *
 * Incremental: given the last scan (`previous`), a repository whose listing entry says nothing
 * moved since then (same `updated_at`, which Forgejo bumps on every push and settings change, same
 * branch and catalog path) keeps its last answer without a request, so an unchanged rescan costs
 * only the listing pages. Deleted and archived repositories drop out because only the listing
 * decides what is kept. Failures (timeouts, 5xx, 429, garbage) propagate as ForgejoError: the
 * caller decides what to keep.
 */
export async function scanOrganization(
  client: ForgejoClient,
  config: ForgejoDiscoveryConfig,
  organization: string,
  options: { signal?: AbortSignal; previous?: RememberedOrganization } = {},
): Promise<RememberedOrganization> {
  const { signal } = options;
  const known = options.previous?.repositories ?? {};
  const scan: OrganizationScan = {
    organization,
    targets: [],
    repositories: 0,
    checked: 0,
    skipped: {
      archived: 0,
      empty: 0,
      notMatchingPattern: 0,
      withoutCatalogFile: 0,
    },
  };
  const candidates: Array<{ repo: ForgejoApiRepository; serverDate?: string }> =
    [];
  const pages = await listAllPages(client, config.host, organization, signal);
  for (const result of pages) {
    for (const repo of result.items) {
      scan.repositories++;
      if (repo.archived && !config.includeArchived) scan.skipped.archived++;
      else if (repo.empty) scan.skipped.empty++;
      else if (
        config.repositoryPattern &&
        !config.repositoryPattern.test(repo.name ?? '')
      ) {
        scan.skipped.notMatchingPattern++;
      } else candidates.push({ repo, serverDate: result.serverDate });
    }
  }

  // The client caps concurrent calls per host, so checking all candidates at once is safe.
  const answers = await Promise.all(
    candidates.map(async ({ repo, serverDate }) => {
      const owner = repo.owner?.login ?? organization;
      const name = repo.name ?? '';
      const branch = config.branch ?? repo.default_branch ?? 'main';
      const fullName = `${owner}/${name}`;
      const seen = fingerprint(repo, branch, config.catalogPath, serverDate);
      const last = known[fullName];
      if (seen && last?.seen === seen) return [fullName, last] as const;
      scan.checked++;
      const ref = { host: config.host, owner, repo: name };
      const exists = await client.hasFile(ref, config.catalogPath, branch, {
        signal,
      });
      const answer: RememberedRepository = {
        seen,
        target: exists
          ? client.webUrl(ref, fileOnBranchPath(branch, config.catalogPath))
          : null,
      };
      return [fullName, answer] as const;
    }),
  );
  // In listing order, so that an unchanged scan is remembered exactly as before.
  const repositories = Object.fromEntries(answers);
  for (const { target } of Object.values(repositories)) {
    if (target) scan.targets.push(target);
    else scan.skipped.withoutCatalogFile++;
  }
  scan.targets.sort();
  return { scan, repositories };
}

/**
 * Every page of the organisation's listing. Once the first page has told the total, the others are
 * requested together (the client's per-host cap still applies), so an unchanged rescan of 1,000
 * repositories waits for about two round trips instead of twenty. Without a total, page after page
 * until one is short or empty.
 */
async function listAllPages(
  client: ForgejoClient,
  host: string,
  organization: string,
  signal?: AbortSignal,
) {
  const read = (page: number) =>
    listPage(client, host, organization, page, { signal });
  const pages = [await read(1)];
  const more = () => {
    const last = pages[pages.length - 1];
    return last.hasMore && last.items.length > 0 && pages.length < MAX_PAGES;
  };
  const total = pages[0].totalCount;
  if (more() && total !== undefined) {
    const count = Math.min(MAX_PAGES, Math.ceil(total / PAGE_SIZE));
    pages.push(
      ...(await Promise.all(
        Array.from({ length: count - 1 }, (_, i) => read(i + 2)),
      )),
    );
  }
  // Also when repositories were added while the pages were read.
  while (more()) pages.push(await read(pages.length + 1));
  return pages;
}

/** One page of the organisation's repositories, with the server's Date header. */
function listPage(
  client: ForgejoClient,
  host: string,
  organization: string,
  page: number,
  options: { signal?: AbortSignal },
) {
  return client.listOrganizationRepositories(
    host,
    organization,
    { page, limit: PAGE_SIZE },
    options,
  );
}

/**
 * What must stay the same for the last answer about a repository to hold, or undefined when it
 * cannot be trusted next time: no `updated_at`, or one in the same second as the listing (Forgejo
 * keeps whole seconds, so a second push in that second would not move it). The server's own clock
 * (the page's Date header) is used, never ours.
 */
function fingerprint(
  repo: ForgejoApiRepository,
  branch: string,
  catalogPath: string,
  serverDate: string | undefined,
): string | undefined {
  const updated = Date.parse(repo.updated_at ?? '');
  const listed = Date.parse(serverDate ?? '');
  if (Number.isNaN(updated) || Number.isNaN(listed)) return undefined;
  if (updated >= Math.floor(listed / 1000) * 1000 - 1000) return undefined;
  return JSON.stringify([repo.updated_at, branch, catalogPath]);
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
