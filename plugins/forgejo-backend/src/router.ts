import type {
  AuditorService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  forgejoWorkflowDispatchPermission,
  type ForgejoCiRuns,
  type ForgejoListKind,
} from '@edp/plugin-forgejo-common';
import type { ForgejoClient } from '@edp/plugin-forgejo-node';
import { ENTITY_ROUTE_PATH } from '@edp/plugin-edp-cache-node';
import express from 'express';
import Router from 'express-promise-router';
import type { ForgejoCards } from './services/ForgejoCards';
import { createRepoAccess } from './services/repoAccess';
import { answer } from './routes/answer';
import { dispatchRoutes } from './routes/dispatchRoutes';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
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
 * cache. A denied read is a 403 NotAllowedError and a Forgejo failure a Backstage error carrying its
 * problem code, both answered by Backstage's error handler; the cards show them as readable states.
 * The CI card's answer also says whether the caller may start workflows (forgejo.workflow.dispatch),
 * decided in the same authorize call; the dispatch routes are in ./routes/dispatchRoutes.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { cards } = options;
  const router = Router();
  router.use(express.json({ limit: '64kb' }));
  const access = createRepoAccess(options);
  router.use(
    dispatchRoutes({
      access,
      auditor: options.auditor,
      client: options.client,
      cards,
    }),
  );

  const repoFor = async (req: express.Request) => (await access(req)).repo;

  /** `?fresh=true` comes from a card's Retry button: skip the cached answer. */
  const isFresh = (req: express.Request) => req.query.fresh === 'true';

  router.get(`${ENTITY_ROUTE_PATH}/overview`, async (req, res) =>
    answer(res, async () => cards.overview(await repoFor(req), isFresh(req))),
  );

  router.get(`${ENTITY_ROUTE_PATH}/ci`, async (req, res) =>
    answer(res, async (): Promise<ForgejoCiRuns> => {
      const {
        repo,
        allowed: [canDispatch],
      } = await access(req, [forgejoWorkflowDispatchPermission]);
      // The runs are shared by every caller; whether this caller may dispatch is not cached.
      return { ...(await cards.ci(repo, isFresh(req))), canDispatch };
    }),
  );

  for (const kind of LISTS) {
    router.get(`${ENTITY_ROUTE_PATH}/${kind}`, async (req, res) => {
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
