import type { Request, Response, Router } from 'express';
import { asyncRouter } from '../http/asyncRouter';
import { gitDirOf } from '../seed/records';
import { git } from '../git/run';
import { rfc3339, type RepoRecord, type UserRecord } from '../model';
import { userJson } from '../shapes/accounts';
import { repoApi, repoJson } from '../shapes/repository';
import { notFound, sendError } from '../http/errors';
import { paginate } from '../http/pagination';
import { type ApiContext, repoOf, viewerOf } from '../http/context';

const sameLogin = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * Stars, watches and forks below /repos/{o}/{r}: stargazers, subscribers, the viewer's own
 * subscription, and forks (listed, and created as real bare clones of the repository, 202 like
 * Forgejo). stars_count, watchers_count and forks_count of the repository are these lists' sizes.
 */
export function starsAndForksRoutes(ctx: ApiContext): Router {
  const router = asyncRouter({ mergeParams: true });
  const { store, links } = ctx;

  const users = (logins: string[]) =>
    logins.map(l => store.user(l)).filter((u): u is UserRecord => !!u);

  router.get('/stargazers', (req, res) => {
    const page = paginate(req, res, links, users(repoOf(res).stargazers));
    res.json(page.map(u => userJson(links, u, viewerOf(res))));
  });

  router.get('/subscribers', (req, res) => {
    const page = paginate(req, res, links, users(repoOf(res).subscribers));
    res.json(page.map(u => userJson(links, u, viewerOf(res))));
  });

  /** structs.WatchInfo of the viewer's watch. */
  const watchInfo = (repo: RepoRecord) => ({
    subscribed: true,
    ignored: false,
    reason: null,
    created_at: repo.created,
    url: repoApi(links, repo, '/subscription'),
    repository_url: repoApi(links, repo),
  });

  router.get('/subscription', (_req, res) => {
    const viewer = viewerOf(res);
    if (!viewer) return sendError(res, links, 401, 'token is required');
    const repo = repoOf(res);
    if (!repo.subscribers.some(l => sameLogin(l, viewer.login)))
      return notFound(res, links);
    return res.json(watchInfo(repo));
  });

  router.put('/subscription', (_req, res) => {
    const viewer = viewerOf(res);
    if (!viewer) return sendError(res, links, 401, 'token is required');
    const repo = repoOf(res);
    if (!repo.subscribers.some(l => sameLogin(l, viewer.login)))
      repo.subscribers.push(viewer.login);
    return res.json(watchInfo(repo));
  });

  router.delete('/subscription', (_req, res) => {
    const viewer = viewerOf(res);
    if (!viewer) return sendError(res, links, 401, 'token is required');
    const repo = repoOf(res);
    repo.subscribers = repo.subscribers.filter(
      l => !sameLogin(l, viewer.login),
    );
    return res.status(204).end();
  });

  router.get('/forks', async (req, res) => {
    const viewer = viewerOf(res);
    const forks = store
      .forksOf(repoOf(res))
      .filter(r => store.canRead(viewer, r));
    const page = paginate(req, res, links, forks);
    res.json(
      await Promise.all(page.map(r => repoJson(links, store, r, viewer))),
    );
  });

  router.post('/forks', async (req, res) => {
    const viewer = viewerOf(res);
    if (!viewer) return sendError(res, links, 401, 'token is required');
    const source = repoOf(res);
    const body = (req.body ?? {}) as Record<string, unknown>;
    let owner = viewer.login;
    if (typeof body.organization === 'string' && body.organization) {
      const org = store.org(body.organization);
      if (!org) return notFound(res, links);
      if (!viewer.isAdmin && !store.isMember(viewer, org.name))
        return sendError(res, links, 403, 'User is no Member of Organisation');
      owner = org.name;
    }
    const name =
      typeof body.name === 'string' && body.name ? body.name : source.name;
    if (!/^[-.\w]+$/.test(name) || name.length > 100)
      return sendError(
        res,
        links,
        422,
        '[Name]: Name must be valid alpha or numeric or dash(-_) or dot characters',
      );
    const existing = store.forksOf(source).find(r => sameLogin(r.owner, owner));
    if (existing || sameLogin(source.owner, owner))
      return sendError(
        res,
        links,
        409,
        `repository is already forked by user [uname: ${owner}, repo path: ${
          source.owner
        }/${source.name}, fork path: ${owner}/${
          existing?.name ?? source.name
        }]`,
      );
    if (store.repo(owner, name))
      return sendError(
        res,
        links,
        409,
        'The repository with the same name already exists.',
      );
    const gitDir = gitDirOf(ctx.reposRoot, { owner, name });
    await git(['clone', '--bare', '--quiet', source.gitDir, gitDir]);
    const now = rfc3339();
    const fork: RepoRecord = {
      id: store.id('repo'),
      owner,
      name,
      description: source.description,
      website: source.website,
      private: source.private,
      archived: false,
      mirror: false,
      template: false,
      topics: [],
      stargazers: [],
      subscribers: [viewer.login],
      parent: { owner: source.owner, name: source.name },
      defaultBranch: source.defaultBranch,
      created: now,
      updated: now,
      gitDir,
      issues: [],
      releases: [],
      runs: [],
      statuses: [],
    };
    store.addRepo(fork);
    return res.status(202).json(await repoJson(links, store, fork, viewer));
  });

  return router;
}

/**
 * The viewer's and any user's starred and watched repositories: /user/starred[/{o}/{r}],
 * /users/{u}/starred, /user/subscriptions, /users/{u}/subscriptions.
 */
export function starredRoutes(ctx: ApiContext): Router {
  const router = asyncRouter();
  const { store, links } = ctx;

  const reposOf = (
    login: string,
    viewer: UserRecord | undefined,
    list: 'stargazers' | 'subscribers',
  ) =>
    [...store.repos.values()]
      .filter(r => store.canRead(viewer, r))
      .filter(r => r[list].some(l => sameLogin(l, login)))
      .sort((a, b) => a.id - b.id);

  const sendRepos = async (req: Request, res: Response, repos: RepoRecord[]) =>
    res.json(
      await Promise.all(
        paginate(req, res, links, repos).map(r =>
          repoJson(links, store, r, viewerOf(res)),
        ),
      ),
    );

  for (const [segment, list] of [
    ['starred', 'stargazers'],
    ['subscriptions', 'subscribers'],
  ] as const) {
    router.get(`/user/${segment}`, async (req, res) => {
      const viewer = viewerOf(res);
      if (!viewer) return sendError(res, links, 401, 'token is required');
      return sendRepos(req, res, reposOf(viewer.login, viewer, list));
    });
    router.get(`/users/:username/${segment}`, async (req, res) => {
      const user = store.user(req.params.username);
      if (!user) return notFound(res, links);
      return sendRepos(req, res, reposOf(user.login, viewerOf(res), list));
    });
  }

  /** The repository of /user/starred/{o}/{r} for a signed-in viewer, or an error sent. */
  const starTarget = (req: Request, res: Response) => {
    const viewer = viewerOf(res);
    if (!viewer) {
      sendError(res, links, 401, 'token is required');
      return undefined;
    }
    const repo = store.repo(req.params.owner, req.params.repo);
    if (!repo || !store.canRead(viewer, repo)) {
      notFound(res, links);
      return undefined;
    }
    return { viewer, repo };
  };

  router.get('/user/starred/:owner/:repo', (req, res) => {
    const target = starTarget(req, res);
    if (!target) return undefined;
    const starred = target.repo.stargazers.some(l =>
      sameLogin(l, target.viewer.login),
    );
    return starred ? res.status(204).end() : notFound(res, links);
  });

  router.put('/user/starred/:owner/:repo', (req, res) => {
    const target = starTarget(req, res);
    if (!target) return undefined;
    if (!target.repo.stargazers.some(l => sameLogin(l, target.viewer.login)))
      target.repo.stargazers.push(target.viewer.login);
    return res.status(204).end();
  });

  router.delete('/user/starred/:owner/:repo', (req, res) => {
    const target = starTarget(req, res);
    if (!target) return undefined;
    target.repo.stargazers = target.repo.stargazers.filter(
      l => !sameLogin(l, target.viewer.login),
    );
    return res.status(204).end();
  });

  return router;
}
