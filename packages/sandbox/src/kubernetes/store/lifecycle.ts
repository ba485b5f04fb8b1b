import type { KubeCluster, ListOptions } from './cluster';
import { errors } from '../api/errors';
import { deepEqual } from './patch';
import { collectionKey, typesFromCrd, type ResourceType } from './resources';
import { parseFieldSelector, parseLabelSelector } from './selectors';
import type { ObjectStore, StoreEvent } from './objectStore';

const timestamp = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * Removes an object for good. Deleting a namespace deletes what is in it, deleting a CRD deletes its
 * objects and stops serving its kinds, and dependents (ownerReferences) are garbage-collected.
 */
export function removeObject(
  cluster: KubeCluster,
  type: ResourceType,
  obj: Record<string, any>,
): Record<string, any> | undefined {
  const { store, registry } = cluster;
  const gone = store.remove(
    collectionKey(type),
    obj.metadata.namespace ?? '',
    obj.metadata.name,
  );
  if (type.kind === 'Namespace') {
    for (const t of registry.all().filter(x => x.namespaced)) {
      for (const o of store.list(collectionKey(t), obj.metadata.name))
        store.remove(collectionKey(t), obj.metadata.name, o.metadata.name);
    }
  }
  if (type.kind === 'CustomResourceDefinition') {
    for (const t of registry
      .all()
      .filter(x => collectionKey(x) === obj.metadata.name)) {
      for (const o of store.list(collectionKey(t)))
        store.remove(
          collectionKey(t),
          o.metadata.namespace ?? '',
          o.metadata.name,
        );
    }
    registry.removeCrd(obj.metadata.name);
  }
  collectDependents(cluster, obj.metadata.uid);
  return gone;
}

/** Garbage collection: objects whose ownerReferences name a deleted uid are deleted too. */
function collectDependents(cluster: KubeCluster, uid: string): void {
  const { store, registry } = cluster;
  for (const t of registry.all()) {
    for (const o of store.list(collectionKey(t))) {
      if (
        (o.metadata.ownerReferences ?? []).some(
          (r: { uid?: string }) => r.uid === uid,
        )
      ) {
        removeObject(cluster, t, o);
      }
    }
  }
}

/**
 * Watches one collection (one namespace or all). Without `resourceVersion` (or with "0") the current
 * objects come first as ADDED; with one, the changes after it (410 Expired when too old).
 */
export function watchCollection(
  store: ObjectStore,
  type: ResourceType,
  namespace: string | undefined,
  options: ListOptions & { resourceVersion?: string },
  onEvent: (e: StoreEvent) => void,
): () => void {
  const coll = collectionKey(type);
  const ns = type.namespaced ? namespace : undefined;
  const labels = parseLabelSelector(options.labelSelector);
  const fields = parseFieldSelector(options.fieldSelector);
  const matches = (e: StoreEvent) =>
    e.collection === coll &&
    (ns === undefined || e.namespace === ns) &&
    labels(e.object.metadata.labels) &&
    fields(e.object);
  const rv = options.resourceVersion;
  let backlog: StoreEvent[];
  if (rv === undefined || rv === '' || rv === '0') {
    backlog = store.list(coll, ns).map(object => ({
      type: 'ADDED' as const,
      collection: coll,
      namespace: object.metadata.namespace ?? '',
      resourceVersion: Number(object.metadata.resourceVersion),
      object,
    }));
  } else {
    const n = Number(rv);
    if (!Number.isInteger(n) || n < 0)
      throw errors.badRequest(
        `resourceVersion "${rv}" is not a valid resource version`,
      );
    backlog = store.eventsSince(n);
  }
  const unsubscribe = store.subscribe(e => {
    if (matches(e)) onEvent(e);
  });
  for (const e of backlog) if (matches(e)) onEvent(e);
  return unsubscribe;
}

/** The types a CRD serves, or 422 Invalid naming what is wrong with it. */
export function crdTypesOf(crd: Record<string, any>): ResourceType[] {
  try {
    return typesFromCrd(crd);
  } catch (e) {
    throw errors.invalid(
      'CustomResourceDefinition',
      'apiextensions.k8s.io',
      String(crd.metadata?.name ?? ''),
      [{ message: (e as Error).message }],
    );
  }
}

/** Serves the CRD's types and marks it Established, as the apiextensions controller does. */
export function establishCrd(
  cluster: KubeCluster,
  stored: Record<string, any>,
  types: ResourceType[],
): void {
  const { store, registry } = cluster;
  registry.setCrdTypes(stored.metadata.name, types);
  // Mark the CRD established, as the apiextensions controller does.
  const conditions = [
    {
      type: 'NamesAccepted',
      status: 'True',
      reason: 'NoConflicts',
      lastTransitionTime: timestamp(),
    },
    {
      type: 'Established',
      status: 'True',
      reason: 'InitialNamesAccepted',
      lastTransitionTime: timestamp(),
    },
  ];
  if (
    !deepEqual(
      stored.status?.conditions?.map((c: any) => c.type),
      conditions.map(c => c.type),
    )
  ) {
    store.put(
      'customresourcedefinitions.apiextensions.k8s.io',
      {
        ...stored,
        status: {
          acceptedNames: stored.spec.names,
          conditions,
          storedVersions: types.map(t => t.version),
        },
      },
      'MODIFIED',
    );
  }
}
