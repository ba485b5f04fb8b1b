import type { Router } from 'express';
import { asyncRouter } from '../http/asyncRouter';
import { orgAsUserJson, orgJson, userJson } from '../shapes/accounts';
import { notFound, sendError } from '../http/errors';
import { type ApiContext, viewerOf } from '../http/context';

/** /version, /user, /users/{username}, /orgs/{org} */
export function accountRoutes(ctx: ApiContext): Router {
  const router = asyncRouter();
  const { store, links } = ctx;

  router.get('/version', (_req, res) => {
    res.json({ version: ctx.version });
  });

  router.get('/user', (_req, res) => {
    const viewer = viewerOf(res);
    if (!viewer) {
      sendError(res, links, 401, 'token is required');
      return;
    }
    res.json(userJson(links, viewer, viewer));
  });

  router.get('/users/:username', (req, res) => {
    const owner = store.owner(req.params.username);
    if (!owner) {
      sendError(
        res,
        links,
        404,
        `user redirect does not exist [name: ${req.params.username.toLowerCase()}]`,
      );
      return;
    }
    res.json(
      owner.kind === 'user'
        ? userJson(links, owner.user, viewerOf(res))
        : orgAsUserJson(links, owner.org),
    );
  });

  router.get('/orgs/:org', (req, res) => {
    const org = store.org(req.params.org);
    if (!org) {
      notFound(res, links);
      return;
    }
    res.json(orgJson(links, org));
  });

  return router;
}
