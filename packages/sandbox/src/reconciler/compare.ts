import type { KubeCluster } from '../kubernetes';
import { getAt, leafPaths, sameValueAt } from '../kubernetes/store/fieldPaths';
import { deepClone } from '../kubernetes/store/patch';
import { splitApiVersion } from '../kubernetes/store/resources';
import type { Manifest } from './manifests';

/** ArgoCD's annotation-based resource tracking (the default since ArgoCD 3). */
export const TRACKING_ANNOTATION = 'argocd.argoproj.io/tracking-id';

export interface AppRef {
  name: string;
  namespace: string;
}

/** `<app>` for Applications in the control-plane namespace, `<namespace>_<app>` otherwise. */
export function appInstanceId(app: AppRef): string {
  return app.namespace === 'argocd' ? app.name : `${app.namespace}_${app.name}`;
}

export interface DesiredObject {
  origin: string;
  object: Record<string, any>;
  group: string;
  version: string;
  kind: string;
  namespace?: string;
  name: string;
}

/** Fills the destination namespace (namespaced kinds without one) and stamps the tracking annotation. */
export function prepareDesired(
  cluster: KubeCluster,
  manifests: Manifest[],
  app: AppRef,
  destinationNamespace: string,
): DesiredObject[] {
  return manifests.map(m => {
    const object = deepClone(m.object);
    const type = cluster.registry.byKind(
      String(object.apiVersion),
      String(object.kind),
    );
    if (!type)
      throw new Error(
        `${m.origin}: unknown kind: the cluster serves no ${object.kind} in ${object.apiVersion}`,
      );
    if (type.namespaced)
      object.metadata.namespace =
        object.metadata.namespace || destinationNamespace;
    else delete object.metadata.namespace;
    const { group, version } = splitApiVersion(String(object.apiVersion));
    object.metadata.annotations = {
      ...(object.metadata.annotations ?? {}),
      [TRACKING_ANNOTATION]: `${appInstanceId(app)}:${group}/${object.kind}:${
        object.metadata.namespace ?? ''
      }/${object.metadata.name}`,
    };
    return {
      origin: m.origin,
      object,
      group,
      version,
      kind: object.kind,
      namespace: object.metadata.namespace,
      name: object.metadata.name,
    };
  });
}

export interface ResourceStatus {
  group: string;
  version: string;
  kind: string;
  namespace?: string;
  name: string;
  status: 'Synced' | 'OutOfSync';
  health: { status: 'Healthy' | 'Missing' };
  requiresPruning?: boolean;
}

export function liveObject(
  cluster: KubeCluster,
  d: Pick<DesiredObject, 'group' | 'version' | 'kind' | 'namespace' | 'name'>,
) {
  const type = cluster.registry.byKind(
    d.group ? `${d.group}/${d.version}` : d.version,
    d.kind,
  );
  return type ? cluster.find(type, d.namespace, d.name) : undefined;
}

/** Synced when every field the manifest sets has the same value in the live object. */
export function isInSync(
  desired: Record<string, any>,
  live: Record<string, any> | undefined,
): boolean {
  if (!live) return false;
  return leafPaths(desired, { skipStatus: true }).every(
    p =>
      sameValueAt(desired, live, p) ||
      containedIn(getAt(desired, p), getAt(live, p)),
  );
}

/**
 * Whether `live` holds everything `wanted` sets, item by item in lists: the API server fills
 * defaults into list items (a container's imagePullPolicy, a port's protocol), which ArgoCD's
 * diff does not count as a difference.
 */
function containedIn(wanted: unknown, live: unknown): boolean {
  if (Array.isArray(wanted))
    return (
      Array.isArray(live) &&
      live.length === wanted.length &&
      wanted.every((w, i) => containedIn(w, live[i]))
    );
  if (wanted && typeof wanted === 'object')
    return (
      !!live &&
      typeof live === 'object' &&
      Object.entries(wanted).every(([k, v]) =>
        containedIn(v, (live as Record<string, unknown>)[k]),
      )
    );
  return wanted === live;
}

/** Live objects that carry this Application's tracking annotation. */
export function trackedObjects(
  cluster: KubeCluster,
  app: AppRef,
): Array<{
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}> {
  const prefix = `${appInstanceId(app)}:`;
  const out: Array<{
    apiVersion: string;
    kind: string;
    namespace?: string;
    name: string;
  }> = [];
  const tracked = (o: Readonly<Record<string, any>>) =>
    String(o.metadata?.annotations?.[TRACKING_ANNOTATION] ?? '').startsWith(
      prefix,
    );
  for (const collection of cluster.store.collectionNames()) {
    for (const o of cluster.store.select(collection, tracked)) {
      out.push({
        apiVersion: o.apiVersion,
        kind: o.kind,
        namespace: o.metadata.namespace,
        name: o.metadata.name,
      });
    }
  }
  return out;
}

/** Per-resource sync and health, as `status.resources` lists them, plus the overall sync status. */
export function compare(
  cluster: KubeCluster,
  desired: DesiredObject[],
  app: AppRef,
) {
  const resources: ResourceStatus[] = desired.map(d => {
    const live = liveObject(cluster, d);
    return {
      group: d.group,
      version: d.version,
      kind: d.kind,
      ...(d.namespace ? { namespace: d.namespace } : {}),
      name: d.name,
      status: isInSync(d.object, live) ? 'Synced' : 'OutOfSync',
      health: { status: live ? 'Healthy' : 'Missing' },
    };
  });
  const key = (r: { kind: string; namespace?: string; name: string }) =>
    `${r.kind}/${r.namespace ?? ''}/${r.name}`;
  const wanted = new Set(resources.map(key));
  const extra = trackedObjects(cluster, app).filter(o => !wanted.has(key(o)));
  for (const o of extra) {
    const { group, version } = splitApiVersion(o.apiVersion);
    resources.push({
      group,
      version,
      kind: o.kind,
      ...(o.namespace ? { namespace: o.namespace } : {}),
      name: o.name,
      status: 'OutOfSync',
      health: { status: 'Healthy' },
      requiresPruning: true,
    });
  }
  const synced = resources.every(r => r.status === 'Synced');
  return { resources, synced, extra };
}

/** Namespaces first, then cluster-wide definitions, then everything else (ArgoCD's kind ordering, simplified). */
export function applyOrder(d: DesiredObject): number {
  const order = [
    'Namespace',
    'CustomResourceDefinition',
    'ServiceAccount',
    'Secret',
    'ConfigMap',
    'Service',
    'Deployment',
    'Job',
  ];
  const i = order.indexOf(d.kind);
  return i < 0 ? order.length : i;
}
