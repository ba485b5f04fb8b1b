import fs from 'node:fs';
import type { Router } from 'express';
import { asyncRouter } from '../http/asyncRouter';
import { languageBytes } from '../git/languages';
import { getCommit, listBranches } from '../git/read';
import { readBranchHeads, setHead } from '../git/refs';
import { rfc3339 } from '../model';
import { payloadCommitJson } from '../shapes/commit';
import { repoJson } from '../shapes/repository';
import { notFound, sendError } from '../http/errors';
import { paginate } from '../http/pagination';
import { type ApiContext, repoOf, viewerOf } from '../http/context';

const TOPIC = /^[a-z0-9][-.a-z0-9]*$/;

/** GET/PATCH/DELETE /repos/{o}/{r}, /languages, GET/PUT /topics, /branches (mounted below /repos/:owner/:repo). */
export function repositoryRoutes(ctx: ApiContext): Router {
  const router = asyncRouter({ mergeParams: true });
  const { store, links } = ctx;

  router.get('/', async (_req, res) => {
    res.json(await repoJson(links, store, repoOf(res), viewerOf(res)));
  });

  router.patch('/', async (req, res) => {
    const repo = repoOf(res);
    const viewer = viewerOf(res);
    if (!store.canWrite(viewer, repo))
      return sendError(res, links, 403, 'repo admin permission is required');
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (typeof body.description === 'string')
      repo.description = body.description;
    if (typeof body.website === 'string') repo.website = body.website;
    if (typeof body.private === 'boolean') repo.private = body.private;
    if (typeof body.archived === 'boolean') repo.archived = body.archived;
    if (typeof body.template === 'boolean') repo.template = body.template;
    if (typeof body.default_branch === 'string' && body.default_branch) {
      const heads = readBranchHeads(repo.gitDir);
      // Forgejo accepts any name on an empty repository and refuses unknown branches otherwise.
      if (heads.size > 0 && !heads.has(body.default_branch)) {
        return sendError(
          res,
          links,
          404,
          `branch ${body.default_branch} does not exist`,
        );
      }
      repo.defaultBranch = body.default_branch;
      setHead(repo.gitDir, repo.defaultBranch);
    }
    repo.updated = rfc3339();
    return res.json(await repoJson(links, store, repo, viewer));
  });

  router.delete('/', (_req, res) => {
    const repo = repoOf(res);
    if (!store.canWrite(viewerOf(res), repo))
      return sendError(res, links, 403, 'repo admin permission is required');
    store.repos.delete(`${repo.owner}/${repo.name}`.toLowerCase());
    fs.rmSync(repo.gitDir, { recursive: true, force: true });
    return res.status(204).end();
  });

  router.get('/languages', async (_req, res) => {
    const repo = repoOf(res);
    const head = readBranchHeads(repo.gitDir).get(repo.defaultBranch);
    res.json(head ? await languageBytes(repo.gitDir, head) : {});
  });

  router.get('/topics', (req, res) => {
    res.json({ topics: paginate(req, res, links, repoOf(res).topics) });
  });

  router.put('/topics', (req, res) => {
    const repo = repoOf(res);
    if (!store.canWrite(viewerOf(res), repo))
      return sendError(res, links, 403, 'repo admin permission is required');
    const topics = (req.body as { topics?: unknown })?.topics;
    if (!Array.isArray(topics) || topics.some(t => typeof t !== 'string')) {
      return sendError(
        res,
        links,
        422,
        '[Topics]: topics must be a list of strings',
      );
    }
    const normalised = [
      ...new Set(topics.map((t: string) => t.trim().toLowerCase())),
    ].filter(Boolean);
    const invalid = normalised.filter(t => !TOPIC.test(t) || t.length > 35);
    if (invalid.length > 0 || normalised.length > 25) {
      return res
        .status(422)
        .json({ message: 'invalid topics', invalidTopics: invalid });
    }
    repo.topics = normalised;
    repo.updated = rfc3339();
    return res.status(204).end();
  });

  router.get('/branches', async (req, res) => {
    const repo = repoOf(res);
    const canPush = store.canWrite(viewerOf(res), repo);
    // The default branch first, then by name.
    const rank = (name: string) => (name === repo.defaultBranch ? 0 : 1);
    const branches = (await listBranches(repo.gitDir)).sort(
      (a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name),
    );
    const page = paginate(req, res, links, branches);
    res.json(
      await Promise.all(
        page.map(async b => ({
          name: b.name,
          commit: payloadCommitJson(
            links,
            store,
            repo,
            await getCommit(repo.gitDir, b.sha),
          ),
          protected: false,
          required_approvals: 0,
          enable_status_check: false,
          status_check_contexts: [],
          user_can_push: canPush,
          user_can_merge: canPush,
          effective_branch_protection_name: '',
        })),
      ),
    );
  });

  router.get(/^\/branches\/(.+)$/, async (req, res) => {
    const repo = repoOf(res);
    const branch = req.params[0];
    const sha = readBranchHeads(repo.gitDir).get(branch);
    if (!sha) return notFound(res, links);
    const canPush = store.canWrite(viewerOf(res), repo);
    return res.json({
      name: branch,
      commit: payloadCommitJson(
        links,
        store,
        repo,
        await getCommit(repo.gitDir, sha),
      ),
      protected: false,
      required_approvals: 0,
      enable_status_check: false,
      status_check_contexts: [],
      user_can_push: canPush,
      user_can_merge: canPush,
      effective_branch_protection_name: '',
    });
  });

  return router;
}
