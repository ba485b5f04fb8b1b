import type { Request, Router } from 'express';
import { asyncRouter } from '../http/asyncRouter';
import {
  commitChanges,
  countCommits,
  getCommit,
  logCommits,
  resolveCommit,
} from '../git/read';
import { readBranchHeads } from '../git/refs';
import { rfc3339, type CommitState } from '../model';
import { latestStatuses, statusJson, combinedStatusJson } from '../actions';
import { commitJson } from '../shapes/commit';
import { notFound, sendError } from '../http/errors';
import { paginate, readPage, setPageHeaders } from '../http/pagination';
import { type ApiContext, repoOf, viewerOf } from '../http/context';

/** Forgejo's boolean query parameters default to true and accept only "false" to turn off. */
const flag = (req: Request, name: string) => req.query[name] !== 'false';

/** /commits, /git/commits/{sha}, /commits/{ref}/status(es), /statuses/{sha} (below /repos/:owner/:repo). */
export function commitRoutes(ctx: ApiContext): Router {
  const router = asyncRouter({ mergeParams: true });
  const { store, links } = ctx;

  router.get('/commits', async (req, res) => {
    const repo = repoOf(res);
    const heads = readBranchHeads(repo.gitDir);
    if (heads.size === 0)
      return sendError(res, links, 409, 'Git Repository is empty.');
    const ref =
      typeof req.query.sha === 'string' && req.query.sha
        ? req.query.sha
        : repo.defaultBranch;
    const sha = await resolveCommit(repo.gitDir, ref);
    if (!sha) return notFound(res, links);
    const path =
      typeof req.query.path === 'string' ? req.query.path : undefined;
    const not =
      typeof req.query.not === 'string'
        ? await resolveCommit(repo.gitDir, req.query.not)
        : undefined;
    const page = readPage(req);
    const [total, commits] = await Promise.all([
      countCommits(repo.gitDir, sha, { path, not }),
      logCommits(repo.gitDir, sha, {
        skip: page.skip,
        max: page.limit,
        path,
        not,
      }),
    ]);
    const wantStats = flag(req, 'stat');
    const wantFiles = flag(req, 'files');
    const changes =
      wantStats || wantFiles
        ? await commitChanges(
            repo.gitDir,
            commits.map(c => c.sha),
          )
        : new Map();
    setPageHeaders(req, res, links, page, total);
    const pageCount = Math.ceil(total / page.limit);
    res.setHeader('X-Page', String(page.page));
    res.setHeader('X-PerPage', String(page.limit));
    res.setHeader('X-Total', String(total));
    res.setHeader('X-PageCount', String(pageCount));
    res.setHeader('X-HasMore', String(page.page < pageCount));
    return res.json(
      commits.map(c => {
        const change = changes.get(c.sha);
        return commitJson(
          links,
          store,
          repo,
          c,
          {
            verification: flag(req, 'verification'),
            details: {
              stats: wantStats
                ? change ?? { additions: 0, deletions: 0 }
                : undefined,
              files: wantFiles ? change?.files ?? [] : undefined,
            },
          },
          viewerOf(res),
        );
      }),
    );
  });

  router.get('/git/commits/:sha', async (req, res) => {
    const repo = repoOf(res);
    const sha = await resolveCommit(repo.gitDir, req.params.sha);
    if (!sha) return notFound(res, links);
    const stats = flag(req, 'stat');
    const files = flag(req, 'files');
    // The changes cost two more git processes: read only when the answer shows them.
    const [commit, change] = await Promise.all([
      getCommit(repo.gitDir, sha),
      stats || files
        ? commitChanges(repo.gitDir, [sha]).then(c => c.get(sha))
        : undefined,
    ]);
    return res.json(
      commitJson(
        links,
        store,
        repo,
        commit,
        {
          verification: flag(req, 'verification'),
          details: {
            stats: stats ? change : undefined,
            files: files ? change?.files ?? [] : undefined,
          },
        },
        viewerOf(res),
      ),
    );
  });

  // Refs may contain slashes (feature/x), so these two match with a regular expression.
  router.get(/^\/commits\/(.+)\/status$/, async (req, res) => {
    const repo = repoOf(res);
    const sha = await resolveCommit(repo.gitDir, req.params[0]);
    if (!sha) return notFound(res, links);
    const latest = latestStatuses(repo, sha);
    const page = paginate(req, res, links, latest);
    return res.json(
      await combinedStatusJson(
        links,
        store,
        repo,
        sha,
        page,
        latest.length,
        viewerOf(res),
      ),
    );
  });

  router.get(/^\/commits\/(.+)\/statuses$/, async (req, res) => {
    const repo = repoOf(res);
    const sha = await resolveCommit(repo.gitDir, req.params[0]);
    if (!sha) return notFound(res, links);
    const all = repo.statuses
      .filter(s => s.sha === sha)
      .sort((a, b) => b.id - a.id);
    return res.json(
      paginate(req, res, links, all).map(s =>
        statusJson(links, store, repo, s, viewerOf(res)),
      ),
    );
  });

  router.post('/statuses/:sha', async (req, res) => {
    const repo = repoOf(res);
    const viewer = viewerOf(res);
    if (!store.canWrite(viewer, repo))
      return sendError(res, links, 403, 'repo write permission is required');
    const sha = await resolveCommit(repo.gitDir, req.params.sha);
    if (!sha) return notFound(res, links);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const states: CommitState[] = [
      'pending',
      'success',
      'error',
      'failure',
      'warning',
    ];
    if (!states.includes(body.state as CommitState)) {
      return sendError(
        res,
        links,
        400,
        `[State]: must be one of ${states.join(', ')}`,
      );
    }
    const status = {
      id: store.id('status'),
      sha,
      state: body.state as CommitState,
      context:
        typeof body.context === 'string' && body.context
          ? body.context
          : 'default',
      description: typeof body.description === 'string' ? body.description : '',
      targetUrl: typeof body.target_url === 'string' ? body.target_url : '',
      creator: viewer!.login,
      created: rfc3339(),
    };
    repo.statuses.push(status);
    return res.status(201).json(statusJson(links, store, repo, status, viewer));
  });

  return router;
}
