import type { ForgejoOverview } from '@edp/plugin-forgejo-common';
import {
  type ForgejoApiCommit,
  type ForgejoApiRepository,
  type ForgejoClient,
  isForgejoError,
  type ForgejoRepoRef,
} from '@edp/plugin-forgejo-node';
import {
  httpUrl,
  toCommitItem,
  toLanguageShares,
  toRelease,
  toStatusSummary,
} from './mappers';

/**
 * Aggregates the overview card in two rounds and at most 4 upstream calls, without knowing the default
 * branch beforehand:
 *
 * 1. in parallel: the tip of the default branch (`/commits?limit=1` without `sha` lists the default
 *    branch), the languages, and the latest release (`/releases/latest`, 404 = none);
 * 2. the combined status of that tip. Forgejo puts the whole repository (description, topics,
 *    counters, default branch, badges) into a combined status, so no `GET /repos/{o}/{r}` is needed.
 *
 * Forgejo answers an empty `CombinedStatus` (no `repository`) for a commit without statuses, and 409
 * on `/commits` for an empty repository: only then is the repository asked for on its own.
 */
export async function buildOverview(
  client: ForgejoClient,
  ref: ForgejoRepoRef,
): Promise<ForgejoOverview> {
  // allSettled: none of the three is left unobserved when another one fails.
  const [tipResult, languagesResult, releaseResult] = await Promise.allSettled([
    client
      .listCommits(ref, { limit: 1 })
      .then(page => page.items[0] as ForgejoApiCommit | undefined),
    client.getLanguages(ref).catch(ignoreEmpty({})),
    client.getLatestRelease(ref),
  ]);

  let tip: ForgejoApiCommit | undefined;
  let fallbackRepo: ForgejoApiRepository | undefined;
  if (tipResult.status === 'fulfilled') {
    tip = tipResult.value;
  } else if (needsRepositoryToExplain(tipResult.reason)) {
    // Empty repository (409), or a 404 the repository call tells apart: gone, or no default branch.
    fallbackRepo = await client.getRepository(ref);
  } else {
    // The commit listing fails like the repository would (unauthorized, timeout, 5xx): it speaks first.
    throw tipResult.reason;
  }
  const languages = settled(languagesResult);
  const release = settled(releaseResult);

  // The status is optional on the card: when it cannot be read, the repository is asked directly.
  const status = tip?.sha
    ? await client.getCombinedStatus(ref, tip.sha).catch(() => undefined)
    : undefined;
  const repo: ForgejoApiRepository =
    fallbackRepo ?? status?.repository ?? (await client.getRepository(ref));

  const web = (suffix: string) => client.webUrl(ref, suffix);
  const latestCommit = tip?.sha
    ? {
        ...toCommitItem(tip),
        status: status ? toStatusSummary(status) : undefined,
      }
    : undefined;
  return {
    host: ref.host,
    owner: ref.owner,
    repo: ref.repo,
    fullName: repo.full_name ?? `${ref.owner}/${ref.repo}`,
    description: repo.description || undefined,
    website: httpUrl(repo.website),
    topics: repo.topics ?? [],
    defaultBranch: repo.default_branch ?? 'main',
    stars: repo.stars_count ?? 0,
    forks: repo.forks_count ?? 0,
    watchers: repo.watchers_count ?? 0,
    openIssues: repo.open_issues_count ?? 0,
    openPullRequests: repo.open_pr_counter ?? 0,
    releases: repo.release_counter ?? 0,
    archived: Boolean(repo.archived),
    mirror: Boolean(repo.mirror),
    private: Boolean(repo.private),
    empty: Boolean(repo.empty) || !tip,
    updatedAt: repo.updated_at,
    languages: toLanguageShares(languages ?? {}),
    latestCommit,
    latestRelease: release ? toRelease(release) : undefined,
    links: {
      repository: httpUrl(repo.html_url) ?? web(''),
      issues: web('/issues'),
      pulls: web('/pulls'),
      releases: web('/releases'),
      actions: web('/actions'),
      commits: web(
        `/commits/branch/${encodeURIComponent(repo.default_branch ?? 'main')}`,
      ),
      clone: httpUrl(repo.clone_url),
    },
    fetchedAt: new Date().toISOString(),
  };
}

/** Forgejo answers 409 (empty repository) on commit endpoints; the card shows that as "no commits yet". */
function ignoreEmpty<T>(fallback: T) {
  return (e: unknown): T => {
    if (isForgejoError(e) && e.code === 'EMPTY_REPOSITORY') return fallback;
    throw e;
  };
}

function needsRepositoryToExplain(e: unknown): boolean {
  return (
    isForgejoError(e) &&
    (e.code === 'EMPTY_REPOSITORY' || e.code === 'NOT_FOUND')
  );
}

function settled<T>(result: PromiseSettledResult<T>): T {
  if (result.status === 'rejected') throw result.reason;
  return result.value;
}
