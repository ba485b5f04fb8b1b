import type { Request, Response, Router } from 'express';
import { asyncRouter } from '../http/asyncRouter';
import { gitDirOf } from '../seed/records';
import { buildRepository, initBareRepository } from '../git/build';
import { rfc3339, type RepoRecord, type UserRecord } from '../model';
import { repoJson } from '../shapes/repository';
import { notFound, sendError } from '../http/errors';
import { paginate } from '../http/pagination';
import { type ApiContext, viewerOf } from '../http/context';

const NAME = /^[-.\w]+$/;
/** localeCompare's order, without building a collator per comparison (listings sort every repository). */
const byName = new Intl.Collator();
const RESERVED = new Set([
  '.',
  '..',
  'assets',
  'api',
  'user',
  'org',
  'repos',
  'explore',
  'admin',
]);

/** GET/POST /orgs/{org}/repos, GET /users/{u}/repos, GET/POST /user/repos, GET /repos/search */
export function repoListRoutes(ctx: ApiContext): Router {
  const router = asyncRouter();
  const { store, links } = ctx;
  const visible = (viewer: UserRecord | undefined) =>
    [...store.repos.values()]
      .filter(r => store.canRead(viewer, r))
      .sort((a, b) => byName.compare(a.name, b.name));
  const sendRepos = async (
    req: Request,
    res: Response,
    repos: RepoRecord[],
  ) => {
    const page = paginate(req, res, links, repos);
    res.json(
      await Promise.all(
        page.map(r => repoJson(links, store, r, viewerOf(res))),
      ),
    );
  };
  const ownedBy = (viewer: UserRecord | undefined, owner: string) =>
    visible(viewer).filter(r => r.owner.toLowerCase() === owner.toLowerCase());

  router.get('/orgs/:org/repos', async (req, res) => {
    const org = store.org(req.params.org);
    if (!org) return notFound(res, links);
    return sendRepos(req, res, ownedBy(viewerOf(res), org.name));
  });

  router.get('/users/:username/repos', async (req, res) => {
    if (!store.owner(req.params.username)) return notFound(res, links);
    return sendRepos(req, res, ownedBy(viewerOf(res), req.params.username));
  });

  router.get('/user/repos', async (req, res) => {
    const viewer = viewerOf(res);
    if (!viewer) return sendError(res, links, 401, 'token is required');
    const mine = visible(viewer).filter(
      r =>
        r.owner.toLowerCase() === viewer.login.toLowerCase() ||
        store.isMember(viewer, r.owner),
    );
    return sendRepos(req, res, mine);
  });

  router.get('/repos/search', async (req, res) => {
    const q = String(req.query.q ?? '').toLowerCase();
    const byTopic = req.query.topic === 'true';
    const inDescription = req.query.includeDesc === 'true';
    const uid = req.query.uid ? Number(req.query.uid) : undefined;
    const archived = req.query.archived;
    let repos = visible(viewerOf(res)).filter(r => {
      if (
        q &&
        !(byTopic
          ? r.topics.includes(q)
          : r.name.toLowerCase().includes(q) ||
            (inDescription && r.description.toLowerCase().includes(q)))
      )
        return false;
      if (uid !== undefined) {
        const owner = store.owner(r.owner);
        const ownerId = owner?.kind === 'user' ? owner.user.id : owner?.org.id;
        if (ownerId !== uid) return false;
      }
      if (archived === 'true' && !r.archived) return false;
      if (archived === 'false' && r.archived) return false;
      if (req.query.mode === 'mirror' && !r.mirror) return false;
      if (req.query.mode === 'source' && r.mirror) return false;
      return true;
    });
    if (req.query.sort === 'created' || req.query.sort === 'id')
      repos = repos.sort((a, b) => a.id - b.id);
    if (req.query.sort === 'updated')
      repos = repos.sort((a, b) => a.updated.localeCompare(b.updated));
    if (req.query.order === 'desc') repos = repos.reverse();
    const page = paginate(req, res, links, repos);
    res.json({
      ok: true,
      data: await Promise.all(
        page.map(r => repoJson(links, store, r, viewerOf(res))),
      ),
    });
  });

  const create = async (
    req: Request,
    res: Response,
    owner: string,
    viewer: UserRecord,
  ) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const name = typeof body.name === 'string' ? body.name : '';
    if (
      !name ||
      !NAME.test(name) ||
      name.length > 100 ||
      RESERVED.has(name.toLowerCase())
    ) {
      return sendError(
        res,
        links,
        422,
        '[Name]: Name must be valid alpha or numeric or dash(-_) or dot characters',
      );
    }
    const defaultBranch =
      typeof body.default_branch === 'string' && body.default_branch
        ? body.default_branch
        : 'main';
    if (
      !/^[\w][\w./-]*$/.test(defaultBranch) ||
      defaultBranch.includes('..') ||
      defaultBranch.endsWith('/')
    ) {
      return sendError(
        res,
        links,
        422,
        `[DefaultBranch]: "${defaultBranch}" is not a valid branch name`,
      );
    }
    if (store.repo(owner, name))
      return sendError(
        res,
        links,
        409,
        'The repository with the same name already exists.',
      );
    const gitDir = gitDirOf(ctx.reposRoot, { owner, name });
    const now = rfc3339();
    if (body.auto_init === true) {
      await buildRepository({
        gitDir,
        defaultBranch,
        mainline: [
          {
            message: 'Initial commit',
            author: {
              name: viewer.fullName || viewer.login,
              email: viewer.email,
            },
            date: new Date(),
            files: {
              'README.md': `# ${name}\n\n${
                typeof body.description === 'string' ? body.description : ''
              }\n`,
            },
            delete: [],
          },
        ],
        branches: [],
        tags: [],
      });
    } else {
      await initBareRepository(gitDir, defaultBranch);
    }
    const repo: RepoRecord = {
      id: store.id('repo'),
      owner,
      name,
      description: typeof body.description === 'string' ? body.description : '',
      website: '',
      private: body.private === true,
      archived: false,
      mirror: false,
      template: body.template === true,
      topics: [],
      stargazers: [],
      // Forgejo makes the creator watch the repositories they create.
      subscribers: [viewer.login],
      defaultBranch,
      created: now,
      updated: now,
      gitDir,
      issues: [],
      releases: [],
      runs: [],
      statuses: [],
    };
    store.addRepo(repo);
    return res.status(201).json(await repoJson(links, store, repo, viewer));
  };

  router.post('/orgs/:org/repos', async (req, res) => {
    const viewer = viewerOf(res);
    if (!viewer) return sendError(res, links, 401, 'token is required');
    const org = store.org(req.params.org);
    if (!org) return notFound(res, links);
    if (!viewer.isAdmin && !store.isMember(viewer, org.name)) {
      return sendError(
        res,
        links,
        403,
        'Given user is not allowed to create repository in organization.',
      );
    }
    return create(req, res, org.name, viewer);
  });

  router.post('/user/repos', async (req, res) => {
    const viewer = viewerOf(res);
    if (!viewer) return sendError(res, links, 401, 'token is required');
    return create(req, res, viewer.login, viewer);
  });

  return router;
}
