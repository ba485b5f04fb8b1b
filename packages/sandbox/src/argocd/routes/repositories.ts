import { Router } from 'express';
import { ArgoError } from '../errors';
import type { ArgoCdInstance } from '../instance';
import type { Repository } from '../objectStore';
import { normaliseGitUrl } from '../projects';
import { queryValue } from '../query';
import { can, enforce } from '../rbac';
import { advertisedRefs, repositoryProblem } from '../repoAccess';
import { handle, principalOf } from './handle';

/** What ArgoCD answers for a repository: never its credentials (`Repository.Sanitized`). */
export function publicRepository(repository: Repository) {
  const { username, password, ...rest } = repository;
  const keep = [
    'repo',
    'type',
    'name',
    'project',
    'insecure',
    'enableLfs',
    'enableOCI',
    'proxy',
    'noProxy',
    'forceHttpBasicAuth',
  ];
  return {
    type: 'git',
    ...Object.fromEntries(
      Object.entries(rest).filter(([k]) => keep.includes(k)),
    ),
    ...(username ? { inheritedCreds: false } : {}),
  };
}

/** /api/v1/repositories: list, create (tests the connection; `upsert`), get, update, delete, refs, validate. */
export function repositoryRoutes(instance: ArgoCdInstance): Router {
  const router = Router();

  const problemOf = async (repository: Repository) =>
    repositoryProblem({
      repoURL: repository.repo,
      knownRepositories: instance.catalog.repositories().map(r => r.url),
      registered: [repository],
      fallback: instance.settings.git,
      timeoutMs: 3000,
    });

  const withState = async (repository: Repository) => {
    const problem = await problemOf(repository);
    return {
      ...publicRepository(repository),
      connectionState: {
        status: problem ? 'Failed' : 'Successful',
        message: problem ?? '',
        attemptedAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      },
    };
  };

  const find = async (repo: string) =>
    (await instance.objects.listRepositories()).find(
      r => normaliseGitUrl(r.repo) === normaliseGitUrl(repo),
    );

  const checkBody = (body: any): Repository => {
    if (!body || typeof body.repo !== 'string' || !body.repo)
      throw new ArgoError('InvalidArgument', 'repo is required');
    return body as Repository;
  };

  router.get(
    '/api/v1/repositories',
    handle(async (req, res) => {
      const principal = principalOf(res);
      const repo = queryValue(req, 'repo');
      const items = await Promise.all(
        (
          await instance.objects.listRepositories()
        )
          .filter(
            r => !repo || normaliseGitUrl(r.repo) === normaliseGitUrl(repo),
          )
          .filter(r => can(principal, 'repositories', 'get', r.repo))
          .map(withState),
      );
      res.json({ metadata: {}, items });
    }),
  );

  router.post(
    '/api/v1/repositories',
    handle(async (req, res) => {
      const repository = checkBody(req.body);
      enforce(principalOf(res), 'repositories', 'create', repository.repo);
      const problem = await problemOf(repository);
      if (problem)
        throw new ArgoError(
          'InvalidArgument',
          `unable to create repository ${repository.repo}: ${problem}`,
        );
      if ((await find(repository.repo)) && queryValue(req, 'upsert') !== 'true')
        throw new ArgoError(
          'InvalidArgument',
          'existing repository spec is different; use upsert flag to force update',
        );
      await instance.objects.putRepository(repository);
      res.json(await withState(repository));
    }),
  );

  router.put(
    '/api/v1/repositories/:repo',
    handle(async (req, res) => {
      const repository = checkBody({ ...req.body, repo: req.params.repo });
      enforce(principalOf(res), 'repositories', 'update', repository.repo);
      if (!(await find(repository.repo)))
        throw new ArgoError('NotFound', `repo ${repository.repo} not found`);
      await instance.objects.putRepository(repository);
      res.json(await withState(repository));
    }),
  );

  router.get(
    '/api/v1/repositories/:repo',
    handle(async (req, res) => {
      enforce(principalOf(res), 'repositories', 'get', req.params.repo);
      // ArgoCD answers an unregistered repository too (public ones need no registration).
      res.json(
        await withState(
          (await find(req.params.repo)) ?? {
            repo: req.params.repo,
            type: 'git',
          },
        ),
      );
    }),
  );

  router.delete(
    '/api/v1/repositories/:repo',
    handle(async (req, res) => {
      enforce(principalOf(res), 'repositories', 'delete', req.params.repo);
      await instance.objects.deleteRepository(req.params.repo);
      res.json({});
    }),
  );

  router.get(
    '/api/v1/repositories/:repo/refs',
    handle(async (req, res) => {
      const repo = req.params.repo;
      enforce(principalOf(res), 'repositories', 'get', repo);
      const seeded = instance.catalog.refs(repo);
      if (seeded) {
        res.json(seeded);
        return;
      }
      const registered = await find(repo);
      try {
        res.json(
          await advertisedRefs(
            repo,
            registered?.username && registered.password
              ? { username: registered.username, password: registered.password }
              : instance.settings.git,
          ),
        );
      } catch (e) {
        throw new ArgoError(
          'Internal',
          `error testing repository connectivity: ${(e as Error).message}`,
        );
      }
    }),
  );

  router.post(
    '/api/v1/repositories/:repo/validate',
    handle(async (req, res) => {
      const repo = req.params.repo;
      enforce(principalOf(res), 'repositories', 'create', repo);
      const username = queryValue(req, 'username');
      const password = queryValue(req, 'password');
      const problem = await problemOf({
        repo,
        ...(username && password ? { username, password } : {}),
      });
      if (problem) throw new ArgoError('InvalidArgument', problem);
      res.json({});
    }),
  );

  return router;
}
