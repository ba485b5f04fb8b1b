import type {
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InputError,
  isError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  forgejoRepositoryReadPermission,
  type ForgejoListKind,
} from '@edp/plugin-forgejo-common';
import { type ForgejoClient, isForgejoError } from '@edp/plugin-forgejo-node';
import express from 'express';
import Router from 'express-promise-router';
import type { ForgejoCards } from './services/ForgejoCards';
import { forbiddenProblem, toProblem } from './problems';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  client: ForgejoClient;
  cards: ForgejoCards;
  logger: LoggerService;
}

const LISTS: ForgejoListKind[] = ['pulls', 'issues', 'releases', 'commits'];
const MAX_PAGE = 1000;

/**
 * One route per card. Each reads the entity with the caller's credentials (so hidden entities are 404),
 * checks `forgejo.repository.read` on that entity (resourceRef = its entity ref; a policy may answer it
 * with the rules of ./permissions, e.g. public repository or entity owner), then answers from the card
 * cache. A denied read is a 403 with the FORBIDDEN problem, which the cards show as a readable state.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, catalog, client, cards, logger } = options;
  const router = Router();

  const repoFor = async (req: express.Request) => {
    const credentials = await httpAuth.credentials(req);
    const { kind, namespace, name } = req.params;
    const entityRef = stringifyEntityRef({ kind, namespace, name });
    const entity = await catalog.getEntityByRef(entityRef, { credentials });
    if (!entity) throw new NotFoundError(`Entity ${entityRef} not found`);
    // A catalog-entity resource permission: the policy sees which entity is asked for.
    const [decision] = await permissions.authorize(
      [
        {
          permission: forgejoRepositoryReadPermission,
          resourceRef: stringifyEntityRef(entity),
        },
      ],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `You may not see the Forgejo repository of ${entityRef}: it is private, or the portal's policy does not grant you forgejo.repository.read on it`,
      );
    }
    return client.resolveRepo(entity);
  };

  /** `?fresh=true` comes from a card's Retry button: skip the cached answer. */
  const isFresh = (req: express.Request) => req.query.fresh === 'true';

  const answer = async (
    res: express.Response,
    produce: () => Promise<unknown>,
  ): Promise<void> => {
    try {
      res.json(await produce());
    } catch (e) {
      if (isError(e) && e.name === 'NotAllowedError') {
        const { status, body } = forbiddenProblem(e.message);
        res.status(status).json(body);
        return;
      }
      if (!isForgejoError(e)) throw e;
      const { status, body } = toProblem(e);
      if (status >= 500) logger.warn(`forgejo card failed: ${e.message}`);
      res.status(status).json(body);
    }
  };

  const base = '/entity/:kind/:namespace/:name';

  router.get(`${base}/overview`, async (req, res) =>
    answer(res, async () => cards.overview(await repoFor(req), isFresh(req))),
  );

  router.get(`${base}/ci`, async (req, res) =>
    answer(res, async () => cards.ci(await repoFor(req), isFresh(req))),
  );

  for (const kind of LISTS) {
    router.get(`${base}/${kind}`, async (req, res) => {
      const raw = req.query.page ?? '1';
      const page = Number(raw);
      if (
        typeof raw !== 'string' ||
        !Number.isInteger(page) ||
        page < 1 ||
        page > MAX_PAGE
      ) {
        throw new InputError(
          `Query parameter "page" must be a whole number from 1 to ${MAX_PAGE}, got "${String(
            raw,
          )}".`,
        );
      }
      await answer(res, async () =>
        cards.list(kind, await repoFor(req), page, isFresh(req)),
      );
    });
  }

  return router;
}
