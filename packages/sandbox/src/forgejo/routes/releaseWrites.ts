import type { Router } from 'express';
import { asyncRouter } from '../http/asyncRouter';
import { resolveCommit } from '../git/read';
import { git } from '../git/run';
import { rfc3339, type ReleaseRecord, type RepoRecord } from '../model';
import { releaseJson } from '../shapes/issues';
import { notFound, sendError } from '../http/errors';
import { type ApiContext, repoOf, viewerOf } from '../http/context';

/** Creates the release's tag at its target when it does not exist yet (what publishing does in Forgejo). */
async function ensureTag(repo: RepoRecord, release: ReleaseRecord) {
  if (await resolveCommit(repo.gitDir, `refs/tags/${release.tag}`)) return;
  const target = await resolveCommit(
    repo.gitDir,
    release.targetCommitish || repo.defaultBranch,
  );
  if (!target)
    throw Object.assign(
      new Error(`target ${release.targetCommitish} does not exist`),
      { status: 404 },
    );
  await git([
    '--git-dir',
    repo.gitDir,
    'update-ref',
    `refs/tags/${release.tag}`,
    target,
  ]);
}

/**
 * POST /releases, GET/PATCH/DELETE /releases/{id}: a draft has no tag; Forgejo creates the tag at
 * `target_commitish` (default: the default branch) when the release is published, at creation or later.
 */
export function releaseWriteRoutes(ctx: ApiContext): Router {
  const router = asyncRouter({ mergeParams: true });
  const { store, links } = ctx;

  const writable = (res: any) => {
    const repo = repoOf(res);
    const viewer = viewerOf(res);
    if (!store.canWrite(viewer, repo)) {
      sendError(res, links, 403, 'repo write permission is required');
      return undefined;
    }
    return { repo, viewer: viewer! };
  };

  const publish = async (
    res: any,
    repo: RepoRecord,
    release: ReleaseRecord,
  ) => {
    try {
      if (!release.draft) await ensureTag(repo, release);
      return true;
    } catch (e) {
      sendError(res, links, (e as any).status ?? 500, (e as Error).message);
      return false;
    }
  };

  router.post('/releases', async (req, res) => {
    const ok = writable(res);
    if (!ok) return undefined;
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (typeof body.tag_name !== 'string' || !body.tag_name.trim())
      return sendError(res, links, 422, '[TagName]: Required');
    if (ok.repo.releases.some(r => r.tag === body.tag_name))
      return sendError(res, links, 409, `release tag already exist`);
    const release: ReleaseRecord = {
      id: store.id('release'),
      tag: body.tag_name,
      targetCommitish:
        typeof body.target_commitish === 'string' && body.target_commitish
          ? body.target_commitish
          : ok.repo.defaultBranch,
      name: typeof body.name === 'string' ? body.name : body.tag_name,
      body: typeof body.body === 'string' ? body.body : '',
      draft: body.draft === true,
      prerelease: body.prerelease === true,
      author: ok.viewer.login,
      created: rfc3339(),
    };
    if (!(await publish(res, ok.repo, release))) return undefined;
    ok.repo.releases.push(release);
    return res
      .status(201)
      .json(releaseJson(links, store, ok.repo, release, ok.viewer));
  });

  const find = (req: any, res: any) => {
    const repo = repoOf(res);
    const release = repo.releases.find(r => String(r.id) === req.params.id);
    if (!release || (release.draft && !store.canWrite(viewerOf(res), repo))) {
      notFound(res, links);
      return undefined;
    }
    return release;
  };

  router.get('/releases/:id(\\d+)', (req, res) => {
    const release = find(req, res);
    if (release)
      res.json(releaseJson(links, store, repoOf(res), release, viewerOf(res)));
  });

  router.patch('/releases/:id(\\d+)', async (req, res) => {
    const ok = writable(res);
    const release = ok && find(req, res);
    if (!ok || !release) return undefined;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const next = { ...release };
    if (typeof body.name === 'string') next.name = body.name;
    if (typeof body.body === 'string') next.body = body.body;
    if (typeof body.tag_name === 'string' && body.tag_name)
      next.tag = body.tag_name;
    if (typeof body.target_commitish === 'string' && body.target_commitish)
      next.targetCommitish = body.target_commitish;
    if (typeof body.prerelease === 'boolean') next.prerelease = body.prerelease;
    if (typeof body.draft === 'boolean') next.draft = body.draft;
    if (!(await publish(res, ok.repo, next))) return undefined;
    Object.assign(release, next);
    return res.json(releaseJson(links, store, ok.repo, release, ok.viewer));
  });

  router.delete('/releases/:id(\\d+)', (req, res) => {
    const ok = writable(res);
    const release = ok && find(req, res);
    if (!ok || !release) return;
    // Forgejo keeps the tag when a release is deleted.
    ok.repo.releases.splice(ok.repo.releases.indexOf(release), 1);
    res.status(204).end();
  });

  return router;
}
