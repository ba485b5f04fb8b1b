import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  isForgejoError,
  type ForgejoApiPullRequest,
  type ForgejoCallOptions,
  type ForgejoClient,
  type ForgejoRepoRef,
} from '@edp/plugin-forgejo-node';

/** The `pullRequest` input: `true` for defaults, or the title and body to use. */
export type PullRequestInput = boolean | { title?: string; body?: string };

/**
 * Opens the pull request that proposes a newly pushed branch for the default branch. When an open
 * one already joins the two branches (a retried task), that one is returned instead of a second one.
 */
export async function openPullRequest(
  client: ForgejoClient,
  ref: ForgejoRepoRef,
  options: {
    head: string;
    base: string;
    input: Exclude<PullRequestInput, false>;
    /** Used as the title when the input gives none. */
    defaultTitle: string;
    /** Used as the body when the input gives none. */
    defaultBody: string;
    logger: LoggerService;
    call: ForgejoCallOptions;
  },
): Promise<ForgejoApiPullRequest> {
  const { head, base, logger, call } = options;
  const given = options.input === true ? {} : options.input;
  try {
    const created = await client.createPullRequest(
      ref,
      {
        head,
        base,
        title: given.title ?? options.defaultTitle,
        body: given.body ?? options.defaultBody,
      },
      call,
    );
    logger.info(
      `Opened pull request #${created.number} from ${head} into ${base}: ${created.html_url}`,
    );
    return created;
  } catch (e) {
    // 409: an open pull request joins the two branches already.
    if (!(isForgejoError(e) && e.upstreamStatus === 409)) throw e;
  }
  const existing = await client.findOpenPullRequest(ref, head, base, call);
  if (!existing) {
    throw new Error(
      `Forgejo answered that a pull request from ${head} into ${base} of ${ref.owner}/${ref.repo} exists, but lists no open one`,
    );
  }
  logger.info(
    `Pull request #${existing.number} from ${head} into ${base} is already open: ${existing.html_url}`,
  );
  return existing;
}
