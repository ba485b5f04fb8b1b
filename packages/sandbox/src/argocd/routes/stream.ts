import { Router } from 'express';
import { parseFields, projectFields } from '../fields';
import type { ArgoCdInstance } from '../instance';
import {
  matchesQuery,
  parseApplicationQuery,
  queryValue,
  toApiApplication,
} from '../query';
import type { ApplicationChange } from '../store';
import { handle, principalOf } from './handle';

/**
 * GET /api/v1/stream/applications: ArgoCD's watch, one JSON object per line,
 * `{"result":{"type":"ADDED|MODIFIED|DELETED","application":{...}}}`. Without a resourceVersion
 * (or when watching one application by name) the current applications come first as ADDED.
 */
export function streamRoutes(instance: ArgoCdInstance): Router {
  const router = Router();

  router.get(
    '/api/v1/stream/applications',
    handle(async (req, res) => {
      const query = parseApplicationQuery(req);
      const principal = principalOf(res);
      const fields = parseFields(
        req.query.fields as string | string[] | undefined,
      );
      const send = (change: ApplicationChange) => {
        if (!matchesQuery(change.application, query, principal)) return;
        const event = {
          result: {
            type: change.type,
            application: toApiApplication(change.application),
          },
        };
        res.write(`${JSON.stringify(projectFields(event, fields))}\n`);
      };
      // Changes during the initial listing are queued so none is lost or sent before the listing.
      const queued: ApplicationChange[] = [];
      let live = false;
      const unsubscribe = instance.store.subscribe(change =>
        live ? send(change) : queued.push(change),
      );
      req.on('close', unsubscribe);
      res.status(200).setHeader('Content-Type', 'application/json');
      res.setHeader('Cache-Control', 'no-cache');
      res.flushHeaders();
      if (!queryValue(req, 'resourceVersion') || query.name) {
        for (const application of await instance.store.list())
          send({ type: 'ADDED', application });
      }
      live = true;
      for (const change of queued.splice(0)) send(change);
    }),
  );

  return router;
}
