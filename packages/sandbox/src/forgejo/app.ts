import express, { type ErrorRequestHandler } from 'express';
import { asyncRouter } from './http/asyncRouter';
import { authenticate } from './http/auth';
import type { ApiContext } from './http/context';
import { notFound, sendError } from './http/errors';
import { notServed } from './http/notServed';
import { gitHttpHandler } from './gitHttp';
import type { FaultController } from '../host/types';
import { accountRoutes } from './routes/accounts';
import { repoListRoutes } from './routes/repoLists';
import { repositoryRoutes } from './routes/repository';
import { commitRoutes } from './routes/commits';
import { contentRoutes } from './routes/contents';
import { issueRoutes } from './routes/issues';
import { pullWriteRoutes } from './routes/pullWrites';
import { actionRoutes } from './routes/actions';
import { dispatchRoutes } from './routes/dispatch';
import { releaseWriteRoutes } from './routes/releaseWrites';
import { gitDataRoutes } from './routes/gitData';
import { repoPeopleRoutes } from './routes/repoPeople';
import { orgsAndInstanceRoutes } from './routes/orgsAndInstance';
import { starredRoutes, starsAndForksRoutes } from './routes/starsAndForks';
import { RequestCounter } from './requestCounter';
import { webPages } from './webPages';

/**
 * The Forgejo stand-in's HTTP server: the REST API under /api/v1 (faults applied), Forgejo's own
 * /api/forgejo/v1/version, git smart HTTP at /{owner}/{repo}.git, and a plain page for web links.
 */
export function createForgejoApp(
  ctx: ApiContext,
  options: {
    faults: FaultController;
    counter: RequestCounter;
    log: (m: string) => void;
  },
) {
  const { store, links } = ctx;
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  app.get('/_sandbox/requests', (_req, res) => {
    res.json(options.counter.snapshot());
  });
  app.delete('/_sandbox/requests', (_req, res) => {
    options.counter.reset();
    res.status(204).end();
  });

  app.use(
    gitHttpHandler({ store, reposRoot: ctx.reposRoot, log: options.log }),
  );

  const api = asyncRouter();
  api.use((req, res, next) => {
    const auth = authenticate(
      store,
      req.headers,
      req.query as Record<string, unknown>,
    );
    if ('error' in auth) return sendError(res, links, 401, auth.error);
    res.locals.user = auth.user;
    return next();
  });
  api.use(accountRoutes(ctx));
  api.use(repoListRoutes(ctx));
  api.use(orgsAndInstanceRoutes(ctx));
  api.use(starredRoutes(ctx));
  const repoScope = asyncRouter({ mergeParams: true });
  repoScope.use((req, res, next) => {
    const repo = store.repo(req.params.owner, req.params.repo);
    if (!repo || !store.canRead(res.locals.user, repo))
      return notFound(res, links);
    res.locals.repo = repo;
    return next();
  });
  for (const routes of [
    repositoryRoutes,
    commitRoutes,
    contentRoutes,
    // Before issueRoutes: its /issues/:index would take /issues/comments.
    repoPeopleRoutes,
    starsAndForksRoutes,
    issueRoutes,
    pullWriteRoutes,
    releaseWriteRoutes,
    gitDataRoutes,
    actionRoutes,
    dispatchRoutes,
  ])
    repoScope.use(routes(ctx));
  api.use('/repos/:owner/:repo', repoScope);
  api.use(notServed(links));

  const apiGuards = [
    options.counter.middleware(),
    options.faults.middleware('forgejo'),
    express.json({ limit: '5mb' }),
  ];
  app.use('/api/v1', ...apiGuards, api);
  app.get('/api/forgejo/v1/version', ...apiGuards, (_req, res) => {
    if (ctx.flavor !== 'forgejo') return notFound(res, links);
    return res.json({ version: ctx.version });
  });

  // Web links from the API (html_url, download_url) land on pages with the real content.
  app.use(webPages(ctx));

  const onError: ErrorRequestHandler = (err, _req, res, _next) => {
    options.log(`internal error: ${err?.stack ?? err}`);
    if (res.headersSent) return res.end();
    if (err?.type === 'entity.parse.failed')
      return sendError(res, links, 400, `invalid JSON body: ${err.message}`);
    return sendError(res, links, 500, String(err?.message ?? err));
  };
  app.use(onError);
  return app;
}
