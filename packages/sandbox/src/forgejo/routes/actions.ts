import type { Router } from 'express';
import { asyncRouter } from '../http/asyncRouter';
import { runJson, tasksOf } from '../actions';
import { notFound } from '../http/errors';
import { paginate } from '../http/pagination';
import {
  type ApiContext,
  majorVersion,
  repoOf,
  viewerOf,
} from '../http/context';

/** A query parameter given once, repeated, or comma-separated, as a list. */
function list(value: unknown): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).flatMap(v =>
    String(v).split(','),
  );
}

/**
 * /actions/runs (Forgejo 12+) and /actions/tasks (Forgejo 8+). Servers configured with an older
 * version answer 404, like a Forgejo that lacks the route, so clients can detect capabilities.
 */
export function actionRoutes(ctx: ApiContext): Router {
  const router = asyncRouter({ mergeParams: true });
  const { store, links } = ctx;

  router.get('/actions/runs', (req, res) => {
    if (majorVersion(ctx) < 12) return notFound(res, links);
    const repo = repoOf(res);
    const events = list(req.query.event);
    const statuses = list(req.query.status);
    const runs = repo.runs
      .filter(r => events.length === 0 || events.includes(r.event))
      .filter(r => statuses.length === 0 || statuses.includes(r.status))
      .filter(
        r =>
          req.query.run_number === undefined ||
          String(r.runNumber) === req.query.run_number,
      )
      .filter(
        r => req.query.head_sha === undefined || r.sha === req.query.head_sha,
      )
      .sort((a, b) => b.id - a.id);
    const page = paginate(req, res, links, runs);
    return res.json({
      total_count: runs.length,
      workflow_runs: page.map(r =>
        runJson(links, store, repo, r, viewerOf(res)),
      ),
    });
  });

  router.get('/actions/runs/:id', (req, res) => {
    if (majorVersion(ctx) < 12) return notFound(res, links);
    const repo = repoOf(res);
    const run = repo.runs.find(r => String(r.id) === req.params.id);
    if (!run) return notFound(res, links);
    return res.json(runJson(links, store, repo, run, viewerOf(res)));
  });

  router.get('/actions/tasks', (req, res) => {
    if (majorVersion(ctx) < 8) return notFound(res, links);
    const tasks = tasksOf(links, repoOf(res)).sort((a, b) => b.id - a.id);
    const page = paginate(req, res, links, tasks);
    return res.json({ total_count: tasks.length, workflow_runs: page });
  });

  return router;
}
