import { Router } from 'express';
import { ArgoError } from '../errors';
import type { ArgoCdInstance } from '../instance';
import { IN_CLUSTER_SERVER, type Cluster } from '../objectStore';
import { queryValue } from '../query';
import { can, enforce } from '../rbac';
import { knownClusters } from '../validation';
import { handle, principalOf } from './handle';

const SERVER_VERSION = '1.32';
const now = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');

/**
 * A cluster as ArgoCD's API answers it: credentials redacted, with its connection state (ArgoCD
 * only monitors clusters that have applications; the others are "Unknown", as in ArgoCD).
 */
export function publicCluster(cluster: Cluster, applicationsCount = 0) {
  const attemptedAt = now();
  const connectionState =
    applicationsCount > 0 || cluster.server === IN_CLUSTER_SERVER
      ? { status: 'Successful', message: '', attemptedAt }
      : {
          status: 'Unknown',
          message: 'Cluster has no applications and is not being monitored.',
          attemptedAt,
        };
  const insecure = (cluster.config?.tlsClientConfig as any)?.insecure;
  return {
    server: cluster.server,
    name: cluster.name,
    config: { tlsClientConfig: { insecure: insecure === true } },
    connectionState,
    serverVersion: SERVER_VERSION,
    info: {
      connectionState,
      serverVersion: SERVER_VERSION,
      cacheInfo: {},
      applicationsCount,
    },
    ...(cluster.namespaces?.length ? { namespaces: cluster.namespaces } : {}),
    ...(cluster.project ? { project: cluster.project } : {}),
    ...(cluster.labels ? { labels: cluster.labels } : {}),
    ...(cluster.annotations ? { annotations: cluster.annotations } : {}),
  };
}

/** Checks a cluster body as ArgoCD does before it stores it. */
function checkCluster(body: any): Cluster {
  if (!body || typeof body.server !== 'string' || !body.server)
    throw new ArgoError('InvalidArgument', 'cluster.server is required');
  if (!/^https?:\/\//.test(body.server))
    throw new ArgoError(
      'InvalidArgument',
      `server "${body.server}" is not a valid URL`,
    );
  return {
    server: body.server.replace(/\/+$/, ''),
    name: typeof body.name === 'string' && body.name ? body.name : body.server,
    ...(Array.isArray(body.namespaces) ? { namespaces: body.namespaces } : {}),
    ...(typeof body.project === 'string' && body.project
      ? { project: body.project }
      : {}),
    ...(body.labels ? { labels: body.labels } : {}),
    ...(body.annotations ? { annotations: body.annotations } : {}),
    config: body.config ?? {},
  };
}

/** /api/v1/clusters: list (`server`, `name` filters), create (`upsert`), get, update, delete. */
export function clusterRoutes(instance: ArgoCdInstance): Router {
  const router = Router();

  const appsOn = async () => {
    const counts = new Map<string, number>();
    for (const app of await instance.store.list()) {
      const key =
        app.spec.destination.server ?? `name:${app.spec.destination.name}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return (c: Cluster) =>
      (counts.get(c.server) ?? 0) + (counts.get(`name:${c.name}`) ?? 0);
  };

  /** The cluster `GET/PUT/DELETE /api/v1/clusters/{id.value}` names (`id.type=name` for names). */
  const find = async (req: any) => {
    const value = String(req.params.id);
    const byName = queryValue(req, 'id.type') === 'name';
    const cluster = (await knownClusters(instance)).find(c =>
      byName ? c.name === value : c.server === value.replace(/\/+$/, ''),
    );
    return { value, cluster };
  };

  router.get(
    '/api/v1/clusters',
    handle(async (req, res) => {
      const principal = principalOf(res);
      const server = queryValue(req, 'server');
      const name = queryValue(req, 'name');
      const count = await appsOn();
      const items = (await knownClusters(instance))
        .filter(
          c => (!server || c.server === server) && (!name || c.name === name),
        )
        .filter(c => can(principal, 'clusters', 'get', c.server))
        .map(c => publicCluster(c, count(c)));
      res.json({ metadata: {}, items });
    }),
  );

  router.post(
    '/api/v1/clusters',
    handle(async (req, res) => {
      const cluster = checkCluster(req.body);
      enforce(principalOf(res), 'clusters', 'create', cluster.server);
      const existing = (await instance.objects.listClusters()).find(
        c => c.server === cluster.server,
      );
      if (existing && queryValue(req, 'upsert') !== 'true')
        throw new ArgoError(
          'InvalidArgument',
          `cluster "${cluster.server}" already exists; use upsert flag to force update`,
        );
      await instance.objects.putCluster(cluster);
      res.json(publicCluster(cluster, (await appsOn())(cluster)));
    }),
  );

  router.get(
    '/api/v1/clusters/:id',
    handle(async (req, res) => {
      const { value, cluster } = await find(req);
      enforce(principalOf(res), 'clusters', 'get', cluster?.server ?? value);
      if (!cluster)
        throw new ArgoError('NotFound', `cluster "${value}" not found`);
      res.json(publicCluster(cluster, (await appsOn())(cluster)));
    }),
  );

  router.put(
    '/api/v1/clusters/:id',
    handle(async (req, res) => {
      const { value, cluster } = await find(req);
      enforce(principalOf(res), 'clusters', 'update', cluster?.server ?? value);
      if (!cluster)
        throw new ArgoError('NotFound', `cluster "${value}" not found`);
      const fields = ([] as string[]).concat(
        (req.query.updatedFields as string | string[] | undefined) ?? [],
      );
      const body = checkCluster({
        ...cluster,
        ...req.body,
        server: cluster.server,
      });
      const updated =
        fields.length === 0
          ? body
          : {
              ...cluster,
              ...Object.fromEntries(fields.map(f => [f, (body as any)[f]])),
            };
      await instance.objects.putCluster(updated);
      res.json(publicCluster(updated, (await appsOn())(updated)));
    }),
  );

  router.delete(
    '/api/v1/clusters/:id',
    handle(async (req, res) => {
      const { value, cluster } = await find(req);
      enforce(principalOf(res), 'clusters', 'delete', cluster?.server ?? value);
      if (!cluster)
        throw new ArgoError('NotFound', `cluster "${value}" not found`);
      if (!(await instance.objects.deleteCluster(cluster.server)))
        throw new ArgoError(
          'InvalidArgument',
          `failed to delete cluster "${cluster.server}": the in-cluster cluster is not stored and cannot be deleted`,
        );
      res.json({});
    }),
  );

  return router;
}
