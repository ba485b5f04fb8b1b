import type { ForgejoOverview } from '@edp/plugin-forgejo-common';
import {
  type ForgejoApiCommit,
  type ForgejoClient,
  ForgejoError,
  type ForgejoRepoRef,
} from '@edp/plugin-forgejo-node';
import {
  httpUrl,
  toCommitItem,
  toLanguageShares,
  toRelease,
  toStatusSummary,
} from './mappers';
import { type RepoFacts, RepoFactsMemo } from './repoFacts';

/**
 * Aggregates the overview card: repository, languages, tip of the default branch, its combined status,
 * and the latest release (skipped when the repository has none): 5 upstream calls, 4 without releases.
 * The status and release calls need the default branch and release count; once `facts` knows them
 * (from an earlier view), all calls go out at once, otherwise in two waves.
 */
export async function buildOverview(
  client: ForgejoClient,
  ref: ForgejoRepoRef,
  facts: RepoFactsMemo = new RepoFactsMemo(),
): Promise<ForgejoOverview> {
  const key = `${ref.host}/${ref.owner}/${ref.repo}`.toLowerCase();
  const known = facts.get(key);
  const statusOf = (commitRef: string) =>
    client.getCombinedStatus(ref, commitRef).catch(() => undefined);
  const early = {
    status: known ? statusOf(known.defaultBranch) : undefined,
    release: known?.hasReleases ? client.getLatestRelease(ref) : undefined,
  };
  // Settle the early calls too, so none is left unobserved when the repository call fails.
  const [repoResult, languagesResult, tipResult, earlyStatus, earlyRelease] =
    await Promise.allSettled([
      client.getRepository(ref),
      client.getLanguages(ref).catch(ignoreEmpty({})),
      client
        .listCommits(ref, { limit: 1 })
        .then(page => page.items[0] as ForgejoApiCommit | undefined)
        .catch(ignoreEmpty(undefined)),
      early.status,
      early.release,
    ]);
  // The repository's own failure says most (not found, unauthorized), so it wins over the others'.
  const repo = settled(repoResult);
  const languages = settled(languagesResult);
  const tip = settled(tipResult);
  const current: RepoFacts = {
    defaultBranch: repo.default_branch ?? 'main',
    hasReleases:
      !repo.empty &&
      (repo.release_counter === undefined || repo.release_counter > 0),
  };
  facts.set(key, current);

  // Ask again (by the tip's sha) when the guess was wrong or a push landed in between.
  let status = known ? settled(earlyStatus) : undefined;
  const statusIsOfTip = status && (!status.sha || status.sha === tip?.sha);
  if (tip?.sha && (known?.defaultBranch !== current.defaultBranch || !statusIsOfTip)) {
    status = await statusOf(tip.sha);
  }
  let release = known?.hasReleases ? settled(earlyRelease) : undefined;
  if (current.hasReleases && !known?.hasReleases) {
    release = await client.getLatestRelease(ref);
  }

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
    if (e instanceof ForgejoError && e.code === 'EMPTY_REPOSITORY')
      return fallback;
    throw e;
  };
}

function settled<T>(result: PromiseSettledResult<T>): T {
  if (result.status === 'rejected') throw result.reason;
  return result.value;
}
