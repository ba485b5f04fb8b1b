import type { Router } from 'express';
import { asyncRouter } from '../http/asyncRouter';
import { readBranchHeads } from '../git/refs';
import { rfc3339, type IssueRecord } from '../model';
import { pullJson } from '../shapes/issues';
import { notFound, sendError } from '../http/errors';
import { type ApiContext, repoOf, viewerOf } from '../http/context';

/**
 * The branch a `head` names: `branch` or `owner:branch` (Forgejo's form for a fork's branch). The
 * stand-in has no forks, so an owner other than the repository's own names nothing.
 */
function headBranch(head: string, repoOwner: string): string | undefined {
  const colon = head.indexOf(':');
  if (colon < 0) return head;
  return head.slice(0, colon).toLowerCase() === repoOwner.toLowerCase()
    ? head.slice(colon + 1)
    : undefined;
}

/**
 * POST /pulls (below /repos/:owner/:repo), checked in Forgejo's order (routers/api/v1/repo/pull.go,
 * CreatePullRequest): a token is required, an archived repository answers 423, missing head, base or
 * title 422, head equal to base 422, an unknown base or head branch 404, and an open pull request for
 * the same head and base 409. Anyone who may read the repository may open one, as in Forgejo.
 */
export function pullWriteRoutes(ctx: ApiContext): Router {
  const router = asyncRouter({ mergeParams: true });
  const { store, links } = ctx;

  router.post('/pulls', async (req, res) => {
    const repo = repoOf(res);
    const viewer = viewerOf(res);
    if (!viewer) return sendError(res, links, 401, 'token is required');
    if (repo.archived)
      return sendError(
        res,
        links,
        423,
        `repo is archived: ${repo.owner}/${repo.name}`,
      );
    const body = (req.body ?? {}) as Record<string, unknown>;
    const text = (key: string) =>
      typeof body[key] === 'string' ? (body[key] as string) : '';
    const missing = [
      ['Head', 'head'],
      ['Base', 'base'],
      ['Title', 'title'],
    ].filter(([, key]) => !text(key).trim());
    if (missing.length > 0)
      return sendError(
        res,
        links,
        422,
        missing.map(([field]) => `[${field}]: Required`).join(','),
      );
    const [head, base] = [text('head'), text('base')];
    if (head === base)
      return sendError(
        res,
        links,
        422,
        'Invalid PullRequest: There are no changes between the head and the base',
      );
    const heads = readBranchHeads(repo.gitDir);
    const headRef = headBranch(head, repo.owner);
    if (!heads.has(base) || headRef === undefined || !heads.has(headRef))
      return notFound(res, links);

    const existing = repo.issues.find(
      i =>
        i.pull &&
        !i.pull.merged &&
        i.state === 'open' &&
        i.pull.head === headRef &&
        i.pull.base === base,
    );
    if (existing)
      return sendError(
        res,
        links,
        409,
        `pull request already exists for these targets [id: ${existing.id}, issue_id: ${existing.number}, ` +
          `head_repo_id: ${repo.id}, base_repo_id: ${repo.id}, head_branch: ${headRef}, base_branch: ${base}]`,
      );

    const now = rfc3339();
    const pull: IssueRecord = {
      id: store.id('issue'),
      // Issues and pull requests share one sequence of numbers per repository.
      number: Math.max(0, ...repo.issues.map(i => i.number)) + 1,
      title: text('title'),
      body: text('body'),
      state: 'open',
      user: viewer.login,
      labels: [],
      comments: 0,
      created: now,
      updated: now,
      // Forgejo marks a pull request whose title starts with a work-in-progress prefix as a draft.
      pull: {
        head: headRef,
        base,
        merged: false,
        draft: /^\s*(wip:|\[wip\])/i.test(text('title')),
      },
    };
    repo.issues.push(pull);
    repo.updated = now;
    return res
      .status(201)
      .json(await pullJson(links, store, repo, pull, heads, viewer));
  });

  return router;
}
