import type { LoggerService } from '@backstage/backend-plugin-api';
import type { ForgejoPullRequest, ForgejoRepoApi } from './forgejoRepoApi';

/** The `pullRequest` input: `true` for defaults, or the title and body to use. */
export type PullRequestInput = boolean | { title?: string; body?: string };

/**
 * Opens the pull request that proposes a newly pushed branch for the default branch. When an open
 * one already joins the two branches (a retried task), that one is returned instead of a second one.
 */
export async function openPullRequest(
  api: ForgejoRepoApi,
  options: {
    owner: string;
    repo: string;
    head: string;
    base: string;
    input: Exclude<PullRequestInput, false>;
    /** Used as the title when the input gives none. */
    defaultTitle: string;
    /** Used as the body when the input gives none. */
    defaultBody: string;
    logger: LoggerService;
  },
): Promise<ForgejoPullRequest> {
  const { owner, repo, head, base, logger } = options;
  const given = options.input === true ? {} : options.input;
  const created = await api.createPullRequest(owner, repo, {
    head,
    base,
    title: given.title ?? options.defaultTitle,
    body: given.body ?? options.defaultBody,
  });
  if (created !== 'exists') {
    logger.info(
      `Opened pull request #${created.number} from ${head} into ${base}: ${created.html_url}`,
    );
    return created;
  }
  const existing = await api.findOpenPullRequest(owner, repo, head, base);
  if (!existing) {
    throw new Error(
      `Forgejo answered that a pull request from ${head} into ${base} of ${owner}/${repo} exists, but lists no open one`,
    );
  }
  logger.info(
    `Pull request #${existing.number} from ${head} into ${base} is already open: ${existing.html_url}`,
  );
  return existing;
}
