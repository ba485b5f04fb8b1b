import type { Router } from 'express';
import { asyncRouter } from '../http/asyncRouter';
import type { CommentRecord, IssueRecord, RepoRecord } from '../model';
import { userJson } from '../shapes/accounts';
import { labelJson } from '../shapes/issues';
import { repoHtml } from '../shapes/repository';
import { notFound, sendError } from '../http/errors';
import { paginate } from '../http/pagination';
import { type ApiContext, repoOf, viewerOf } from '../http/context';

/**
 * Issue comments, labels, milestones, collaborators, assignees and hooks below /repos/{o}/{r}.
 * The stand-in keeps no milestones, explicit collaborators or webhooks, so those lists are
 * truthfully empty; labels are the ones the repository's issues carry.
 */
export function repoPeopleRoutes(ctx: ApiContext): Router {
  const router = asyncRouter({ mergeParams: true });
  const { store, links } = ctx;

  const commentJson = (
    repo: RepoRecord,
    issue: IssueRecord,
    comment: CommentRecord,
    viewer = undefined as Parameters<typeof userJson>[2],
  ) => {
    const kind = issue.pull ? 'pulls' : 'issues';
    return {
      id: comment.id,
      html_url: repoHtml(
        links,
        repo,
        `/${kind}/${issue.number}#issuecomment-${comment.id}`,
      ),
      pull_request_url: issue.pull
        ? repoHtml(links, repo, `/pulls/${issue.number}`)
        : '',
      issue_url: issue.pull
        ? ''
        : repoHtml(links, repo, `/issues/${issue.number}`),
      user: userJson(links, store.user(comment.user)!, viewer),
      original_author: '',
      original_author_id: 0,
      body: comment.body,
      assets: [],
      created_at: comment.created,
      updated_at: comment.created,
    };
  };

  /** `since`/`before` (RFC 3339) as Forgejo applies them to comments. */
  const inWindow = (query: Record<string, unknown>, c: CommentRecord) =>
    (typeof query.since !== 'string' || c.created >= query.since) &&
    (typeof query.before !== 'string' || c.created < query.before);

  router.get('/issues/comments', (req, res) => {
    const repo = repoOf(res);
    const all = repo.issues
      .flatMap(issue =>
        (issue.commentList ?? []).map(comment => ({ issue, comment })),
      )
      .filter(({ comment }) => inWindow(req.query, comment))
      .sort((a, b) => a.comment.id - b.comment.id);
    const page = paginate(req, res, links, all);
    res.json(
      page.map(({ issue, comment }) =>
        commentJson(repo, issue, comment, viewerOf(res)),
      ),
    );
  });

  router.get('/issues/:index(\\d+)/comments', (req, res) => {
    const repo = repoOf(res);
    const issue = repo.issues.find(i => String(i.number) === req.params.index);
    if (!issue) return notFound(res, links);
    return res.json(
      (issue.commentList ?? [])
        .filter(c => inWindow(req.query, c))
        .map(c => commentJson(repo, issue, c, viewerOf(res))),
    );
  });

  router.get('/labels', (req, res) => {
    const repo = repoOf(res);
    const labels = new Map(
      repo.issues.flatMap(i => i.labels).map(l => [l.id, l]),
    );
    const page = paginate(
      req,
      res,
      links,
      [...labels.values()].sort((a, b) => a.name.localeCompare(b.name)),
    );
    res.json(page.map(l => labelJson(links, l)));
  });

  router.get('/labels/:id(\\d+)', (req, res) => {
    const repo = repoOf(res);
    const label = repo.issues
      .flatMap(i => i.labels)
      .find(l => String(l.id) === req.params.id);
    if (!label) return notFound(res, links);
    return res.json(labelJson(links, label));
  });

  router.get('/milestones', (req, res) => {
    res.json(paginate(req, res, links, []));
  });

  router.get('/collaborators', (req, res) => {
    if (!viewerOf(res)) return sendError(res, links, 401, 'token is required');
    return res.json(paginate(req, res, links, []));
  });

  router.get('/assignees', (_req, res) => {
    const repo = repoOf(res);
    const owner = store.owner(repo.owner);
    const logins =
      owner?.kind === 'org' ? owner.org.members : [owner?.user.login ?? ''];
    res.json(
      logins
        .map(login => store.user(login))
        .filter(u => !!u)
        .map(u => userJson(links, u!, viewerOf(res))),
    );
  });

  router.get('/hooks', (req, res) => {
    if (!store.canWrite(viewerOf(res), repoOf(res)))
      return sendError(res, links, 403, 'repo admin permission is required');
    return res.json(paginate(req, res, links, []));
  });

  router.get('/hooks/:id(\\d+)', (_req, res) => {
    if (!store.canWrite(viewerOf(res), repoOf(res)))
      return sendError(res, links, 403, 'repo admin permission is required');
    return notFound(res, links);
  });

  return router;
}
