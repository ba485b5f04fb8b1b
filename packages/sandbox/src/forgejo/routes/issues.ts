import type { Request, Router } from 'express';
import { asyncRouter } from '../http/asyncRouter';
import { readBranchHeads } from '../git/refs';
import type { IssueRecord } from '../model';
import { issueJson, pullJson, releaseJson } from '../shapes/issues';
import { notFound } from '../http/errors';
import { paginate } from '../http/pagination';
import { type ApiContext, repoOf, viewerOf } from '../http/context';

const newestFirst = (
  a: { created: string; id: number },
  b: { created: string; id: number },
) => b.created.localeCompare(a.created) || b.id - a.id;

function byState(req: Request, issues: IssueRecord[]): IssueRecord[] {
  const state = typeof req.query.state === 'string' ? req.query.state : 'open';
  return state === 'all' ? issues : issues.filter(i => i.state === state);
}

/** /issues, /pulls, /releases, /releases/latest, /releases/tags/{tag} (below /repos/:owner/:repo). */
export function issueRoutes(ctx: ApiContext): Router {
  const router = asyncRouter({ mergeParams: true });
  const { store, links } = ctx;

  router.get('/issues', (req, res) => {
    const repo = repoOf(res);
    let issues = byState(req, repo.issues);
    if (req.query.type === 'issues') issues = issues.filter(i => !i.pull);
    if (req.query.type === 'pulls') issues = issues.filter(i => i.pull);
    if (typeof req.query.labels === 'string' && req.query.labels) {
      const wanted = req.query.labels.split(',');
      issues = issues.filter(i => i.labels.some(l => wanted.includes(l.name)));
    }
    if (typeof req.query.q === 'string' && req.query.q) {
      const q = req.query.q.toLowerCase();
      issues = issues.filter(
        i =>
          i.title.toLowerCase().includes(q) || i.body.toLowerCase().includes(q),
      );
    }
    const page = paginate(req, res, links, [...issues].sort(newestFirst));
    res.json(page.map(i => issueJson(links, store, repo, i, viewerOf(res))));
  });

  router.get('/issues/:index', (req, res) => {
    const repo = repoOf(res);
    const issue = repo.issues.find(i => String(i.number) === req.params.index);
    if (!issue) return notFound(res, links);
    return res.json(issueJson(links, store, repo, issue, viewerOf(res)));
  });

  router.get('/pulls', async (req, res) => {
    const repo = repoOf(res);
    const pulls = byState(
      req,
      repo.issues.filter(i => i.pull),
    );
    const sorted =
      req.query.sort === 'oldest'
        ? [...pulls].sort((a, b) => -newestFirst(a, b))
        : [...pulls].sort(newestFirst);
    const page = paginate(req, res, links, sorted);
    const heads = readBranchHeads(repo.gitDir);
    res.json(
      await Promise.all(
        page.map(p => pullJson(links, store, repo, p, heads, viewerOf(res))),
      ),
    );
  });

  router.get('/pulls/:index', async (req, res) => {
    const repo = repoOf(res);
    const pull = repo.issues.find(
      i => i.pull && String(i.number) === req.params.index,
    );
    if (!pull) return notFound(res, links);
    return res.json(
      await pullJson(
        links,
        store,
        repo,
        pull,
        readBranchHeads(repo.gitDir),
        viewerOf(res),
      ),
    );
  });

  router.get('/releases', (req, res) => {
    const repo = repoOf(res);
    const canWrite = store.canWrite(viewerOf(res), repo);
    let releases = repo.releases.filter(r => canWrite || !r.draft);
    if (req.query.draft !== undefined)
      releases = releases.filter(r => String(r.draft) === req.query.draft);
    if (req.query['pre-release'] !== undefined)
      releases = releases.filter(
        r => String(r.prerelease) === req.query['pre-release'],
      );
    const page = paginate(req, res, links, [...releases].sort(newestFirst));
    res.json(page.map(r => releaseJson(links, store, repo, r, viewerOf(res))));
  });

  router.get('/releases/latest', (_req, res) => {
    const repo = repoOf(res);
    const latest = repo.releases
      .filter(r => !r.draft && !r.prerelease)
      .sort(newestFirst)[0];
    if (!latest) return notFound(res, links);
    return res.json(releaseJson(links, store, repo, latest, viewerOf(res)));
  });

  router.get('/releases/tags/:tag', (req, res) => {
    const repo = repoOf(res);
    const release = repo.releases.find(
      r =>
        r.tag === req.params.tag &&
        (!r.draft || store.canWrite(viewerOf(res), repo)),
    );
    if (!release) return notFound(res, links);
    return res.json(releaseJson(links, store, repo, release, viewerOf(res)));
  });

  return router;
}
