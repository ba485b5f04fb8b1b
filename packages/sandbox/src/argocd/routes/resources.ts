import path from 'node:path';
import { Router } from 'express';
import type { ArgoCdInstance } from '../instance';
import { LiveState } from '../liveState';
import { queryValue } from '../query';
import { readVisibleApplication } from './applications';
import { handle, principalOf } from './handle';

/** The seed file that says what the clusters hold beyond the Applications' status. */
export const LIVE_STATE_FILE = 'live-state.yaml';

/**
 * GET /api/v1/applications/{name}/resource-tree, .../managed-resources and .../events: what ArgoCD
 * knows of an Application's live objects (server/application/application.go). The stand-in derives
 * them from status.resources and seeds/argocd/live-state.yaml.
 */
export function resourceRoutes(instance: ArgoCdInstance): Router {
  const router = Router();
  const live = LiveState.load(
    path.join(instance.global.seedDir, LIVE_STATE_FILE),
    instance.name,
  );
  const read = (req: any, res: any, name: string) =>
    readVisibleApplication(
      instance,
      principalOf(res),
      name,
      queryValue(req, 'appNamespace'),
    );

  router.get(
    '/api/v1/applications/:name/resource-tree',
    handle(async (req, res) => {
      const app = await read(req, res, req.params.name);
      res.json({ nodes: live.tree(app) });
    }),
  );

  router.get(
    '/api/v1/applications/:name/managed-resources',
    handle(async (req, res) => {
      const app = await read(req, res, req.params.name);
      const filters = [
        'namespace',
        'name',
        'version',
        'group',
        'kind',
      ] as const;
      const items = live
        .resources(app)
        .filter(r =>
          filters.every(key => {
            const wanted = queryValue(req, key);
            return !wanted || (r[key] ?? '') === wanted;
          }),
        )
        .map(r => {
          const liveState = JSON.stringify(r.live ?? null);
          return {
            ...(r.group ? { group: r.group } : {}),
            kind: r.kind,
            ...(r.namespace ? { namespace: r.namespace } : {}),
            name: r.name,
            targetState: JSON.stringify(r.desired),
            liveState,
            normalizedLiveState: liveState,
            predictedLiveState: JSON.stringify(r.desired),
            modified: r.status === 'OutOfSync',
            hook: false,
            ...(r.live ? { resourceVersion: '4711' } : {}),
          };
        });
      res.json({ items });
    }),
  );

  router.get(
    '/api/v1/applications/:name/events',
    handle(async (req, res) => {
      const app = await read(req, res, req.params.name);
      const resourceName = queryValue(req, 'resourceName');
      const items = live
        .events(app)
        .filter(e => !resourceName || e.involvedObject.name === resourceName)
        .sort((a, b) => b.lastTimestamp.localeCompare(a.lastTimestamp));
      res.json({ metadata: {}, items });
    }),
  );

  return router;
}
