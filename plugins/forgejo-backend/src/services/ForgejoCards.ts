import type {
  ForgejoCiRuns,
  ForgejoCommitItem,
  ForgejoDispatchOptions,
  ForgejoIssueItem,
  ForgejoListKind,
  ForgejoOverview,
  ForgejoPage,
  ForgejoPullRequestItem,
  ForgejoReleaseItem,
} from '@edp/plugin-forgejo-common';
import {
  type ForgejoClient,
  isForgejoError,
  type ForgejoRepoRef,
  type PagedResult,
} from '@edp/plugin-forgejo-node';
import type { JsonValue } from '@backstage/types';
import type { UpstreamCache } from '@edp/plugin-edp-cache-node';
import { buildOverview } from './overview';
import {
  fromActionRun,
  fromActionTask,
  fromCombinedStatus,
  toCommitItem,
  toIssue,
  toPullRequest,
  toRelease,
} from './mappers';

/** Items per page of the entity tab's lists. */
export const LIST_PAGE_SIZE = 20;
/** Runs shown on the CI card. */
export const CI_RUN_COUNT = 10;
/** Branches the Run workflow dialog offers (one page of Forgejo's list). */
export const DISPATCH_BRANCH_COUNT = 50;

/** What the Run workflow dialog offers, and whether the ref asked for is a branch. */
export type DispatchOptions = ForgejoDispatchOptions & { refIsBranch: boolean };

type ListItem =
  | ForgejoPullRequestItem
  | ForgejoIssueItem
  | ForgejoReleaseItem
  | ForgejoCommitItem;

const now = () => new Date().toISOString();

const repoKey = (ref: ForgejoRepoRef) =>
  `${ref.host}/${ref.owner}/${ref.repo}`.toLowerCase();
const ciKey = (ref: ForgejoRepoRef) => `ci:v1:${repoKey(ref)}`;

/**
 * One method per card: each answers from the cache or aggregates the upstream calls it needs.
 * Entries are keyed by repository, so entities sharing a repository share them.
 */
export class ForgejoCards {
  constructor(
    private readonly client: ForgejoClient,
    private readonly cache: UpstreamCache,
  ) {}

  async overview(ref: ForgejoRepoRef, fresh = false): Promise<ForgejoOverview> {
    const key = `overview:v1:${repoKey(ref)}`;
    if (fresh) await this.cache.invalidate(key);
    return this.cache.getValue(key, async () =>
      toJson(await buildOverview(this.client, ref)),
    );
  }

  /**
   * The workflows that can be started by hand at `gitRef` (default branch when absent), the branches
   * to choose from, and whether `gitRef` is one of them. Loaded when the dialog opens, never for the
   * card itself; a dispatch validates against the same cached entry.
   */
  async dispatchOptions(
    ref: ForgejoRepoRef,
    gitRef?: string,
    fresh = false,
  ): Promise<DispatchOptions> {
    const key = `dispatch:v1:${repoKey(ref)}:${gitRef ?? ''}`;
    if (fresh) await this.cache.invalidate(key);
    return this.cache.getValue(key, async () => {
      const [repository, branchPage] = await Promise.all([
        this.client.getRepository(ref),
        this.client.listBranches(ref, { limit: DISPATCH_BRANCH_COUNT }),
      ]);
      const defaultBranch = repository.default_branch ?? 'main';
      const branches = [
        defaultBranch,
        ...branchPage.items.flatMap(b =>
          b.name && b.name !== defaultBranch ? [b.name] : [],
        ),
      ];
      const at = gitRef ?? defaultBranch;
      // A branch beyond the first page is still a branch.
      const refIsBranch =
        branches.includes(at) || (await this.client.hasBranch(ref, at));
      const found = refIsBranch
        ? await this.client.listDispatchableWorkflows(ref, at)
        : { workflows: [], unreadable: [] };
      return toJson<DispatchOptions>({
        ref: at,
        defaultBranch,
        branches,
        workflows: found.workflows,
        unreadable: found.unreadable,
        refIsBranch,
      });
    });
  }

  /** Drops the CI card's cached runs, so the next view (or poll) shows a run just started. */
  async forgetCi(ref: ForgejoRepoRef): Promise<void> {
    await this.cache.invalidate(ciKey(ref));
  }

  async ci(ref: ForgejoRepoRef, fresh = false): Promise<ForgejoCiRuns> {
    const key = ciKey(ref);
    if (fresh) await this.cache.invalidate(key);
    return this.cache.getValue(key, async () => {
      const actionsUrl = this.client.webUrl(ref, '/actions');
      const listing = await this.client.listCi(ref, { limit: CI_RUN_COUNT });
      const base = {
        host: ref.host,
        owner: ref.owner,
        repo: ref.repo,
        actionsUrl,
        fetchedAt: now(),
      };
      if (listing.source === 'runs') {
        const runs = (listing.data.workflow_runs ?? []).map(r =>
          fromActionRun(r, actionsUrl),
        );
        return toJson<ForgejoCiRuns>({
          ...base,
          source: 'runs',
          runs,
          totalCount: listing.data.total_count,
        });
      }
      if (listing.source === 'tasks') {
        const runs = (listing.data.workflow_runs ?? []).map(t =>
          fromActionTask(t, actionsUrl),
        );
        return toJson<ForgejoCiRuns>({
          ...base,
          source: 'tasks',
          runs,
          totalCount: listing.data.total_count,
        });
      }
      const runs = fromCombinedStatus(listing.data, listing.branch);
      return toJson<ForgejoCiRuns>({
        ...base,
        source: 'statuses',
        runs,
        totalCount: runs.length,
      });
    });
  }

  async list(
    kind: ForgejoListKind,
    ref: ForgejoRepoRef,
    page: number,
    fresh = false,
  ): Promise<ForgejoPage<ListItem>> {
    const key = `list:v1:${kind}:${page}:${repoKey(ref)}`;
    if (fresh) await this.cache.invalidate(key);
    return this.cache.getValue(key, async () => {
      const request = { page, limit: LIST_PAGE_SIZE };
      let result: PagedResult<ListItem>;
      let htmlUrl: string;
      switch (kind) {
        case 'pulls':
          result = mapItems(
            await this.client.listPullRequests(ref, request),
            toPullRequest,
          );
          htmlUrl = this.client.webUrl(ref, '/pulls');
          break;
        case 'issues':
          result = mapItems(
            await this.client.listIssues(ref, request),
            toIssue,
          );
          htmlUrl = this.client.webUrl(ref, '/issues');
          break;
        case 'releases':
          result = mapItems(
            await this.client.listReleases(ref, request),
            toRelease,
          );
          htmlUrl = this.client.webUrl(ref, '/releases');
          break;
        case 'commits':
          result = await this.commits(ref, request);
          htmlUrl = this.client.webUrl(ref, '/commits');
          break;
        default:
          throw new Error(`unknown list ${kind satisfies never}`);
      }
      return toJson<ForgejoPage<ListItem>>({
        items: result.items,
        page: result.page,
        pageSize: result.limit,
        totalCount: result.totalCount,
        hasMore: result.hasMore,
        htmlUrl,
      });
    });
  }

  /** An empty repository has no commits: show an empty list rather than an error. */
  private async commits(
    ref: ForgejoRepoRef,
    request: { page: number; limit: number },
  ) {
    try {
      return mapItems(
        await this.client.listCommits(ref, request),
        toCommitItem,
      );
    } catch (e) {
      if (isForgejoError(e) && e.code === 'EMPTY_REPOSITORY') {
        return {
          items: [],
          page: request.page,
          limit: request.limit,
          totalCount: 0,
          hasMore: false,
        };
      }
      throw e;
    }
  }
}

function mapItems<A, B>(
  result: PagedResult<A>,
  map: (a: A) => B,
): PagedResult<B> {
  return { ...result, items: result.items.map(map) };
}

/** Payloads are plain data; this drops `undefined` fields so they round-trip through any cache store. */
function toJson<T>(value: T): T & JsonValue {
  return JSON.parse(JSON.stringify(value));
}
