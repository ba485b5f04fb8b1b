import { randomUUID } from 'node:crypto';
import { errors, KubeApiError } from '../api/errors';
import {
  recordUpdate,
  requireFieldManager,
  serverSideApply,
} from './managedFields';
import {
  deepClone,
  deepEqual,
  jsonPatch,
  mergePatch,
  strategicMergePatch,
} from './patch';
import {
  apiVersionOf,
  collectionKey,
  ResourceRegistry,
  type ResourceType,
} from './resources';
import { parseFieldSelector, parseLabelSelector } from './selectors';
import { ObjectStore, type StoreEvent } from './objectStore';
import {
  checkBody,
  validateObject,
  type ValidationOptions,
} from '../validation/checkBody';
import {
  crdTypesOf,
  establishCrd,
  removeObject,
  watchCollection,
} from './lifecycle';
import { applyDefaults } from '../validation/defaults';
import { listKeysOf, type ListKeys } from '../builtin/listTypes';
import { schemaNameOf } from '../builtin/builtinSchemas';

const listKeysByType = new WeakMap<ResourceType, ListKeys>();

/** The associative lists of a kind (built-in: the spec's list keys; custom: its CRD schema's). */
function listKeysFor(type: ResourceType): ListKeys {
  let keys = listKeysByType.get(type);
  if (!keys) {
    keys = type.schema
      ? listKeysOf({ rootSchema: type.schema })
      : listKeysOf({ rootName: schemaNameOf(type) });
    listKeysByType.set(type, keys);
  }
  return keys;
}

export interface WriteOptions extends ValidationOptions {
  /** `dryRun=All`: everything is checked and the result returned, nothing is stored. */
  dryRun?: boolean;
  fieldManager?: string;
  /** Server-side apply only: take fields other managers own. */
  force?: boolean;
  /** `status` for the status subresource. */
  subresource?: string;
}

export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
}

export interface ListResult {
  items: Record<string, any>[];
  resourceVersion: string;
  continue?: string;
}

export const PATCH_TYPES = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
} as const;

const DEFAULT_NAMESPACES = [
  'default',
  'kube-system',
  'kube-public',
  'kube-node-lease',
];

const timestamp = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Content other than metadata (and status, when it has its own subresource): what `generation` counts. */
function specOf(
  type: ResourceType,
  obj: Record<string, any>,
): Record<string, any> {
  const { metadata: _m, status, ...rest } = obj;
  return type.statusSubresource ? rest : { ...rest, status };
}

/** An object without what changes on every write, to tell a no-op write from a real one. */
function comparable(obj: Record<string, any>): Record<string, any> {
  const copy = deepClone(obj);
  delete copy.metadata.resourceVersion;
  copy.metadata.managedFields = (copy.metadata.managedFields ?? []).map(
    (m: Record<string, any>) => ({ ...m, time: undefined }),
  );
  return copy;
}

/**
 * The Kubernetes API's semantics over the object store, shared by the HTTP routes and by other
 * stand-ins in the same process (the ArgoCD reconciler applies through here).
 */
export class KubeCluster {
  readonly registry = new ResourceRegistry();
  readonly store: ObjectStore;

  constructor(options: { watchHistory?: number } = {}) {
    this.store = new ObjectStore(options.watchHistory);
    const nsType = this.type('v1', 'Namespace');
    for (const name of DEFAULT_NAMESPACES)
      this.create(
        nsType,
        '',
        { metadata: { name } },
        { fieldManager: 'sandbox' },
      );
    // What `kubectl get componentstatuses` lists on a real cluster (computed there, kept here).
    const csType = this.type('v1', 'ComponentStatus');
    for (const name of ['scheduler', 'controller-manager', 'etcd-0'])
      this.create(
        csType,
        '',
        {
          metadata: { name },
          conditions: [{ type: 'Healthy', status: 'True', message: 'ok' }],
        },
        { fieldManager: 'sandbox' },
      );
  }

  /** The served type of `apiVersion` + `kind`; 404 like the API's "no matches for kind". */
  type(apiVersion: string, kind: string): ResourceType {
    const t = this.registry.byKind(apiVersion, kind);
    if (!t)
      throw new KubeApiError(
        404,
        'NotFound',
        `no matches for kind "${kind}" in version "${apiVersion}"`,
      );
    return t;
  }

  private scope(type: ResourceType, namespace: string | undefined): string {
    if (!type.namespaced) return '';
    if (!namespace)
      throw errors.badRequest(
        `${type.plural} is namespaced: a namespace is required`,
      );
    return namespace;
  }

  get(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
  ): Record<string, any> {
    const obj = this.store.get(
      collectionKey(type),
      this.scope(type, namespace),
      name,
    );
    if (!obj) throw errors.notFound(type.plural, type.group, name);
    return obj;
  }

  find(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
  ): Record<string, any> | undefined {
    return this.store.get(
      collectionKey(type),
      this.scope(type, namespace),
      name,
    );
  }

  /** Lists one namespace (or all when `namespace` is undefined), filtered and paged. */
  list(
    type: ResourceType,
    namespace: string | undefined,
    options: ListOptions = {},
  ): ListResult {
    const labels = parseLabelSelector(options.labelSelector);
    const fields = parseFieldSelector(options.fieldSelector);
    let items = this.store
      .list(collectionKey(type), type.namespaced ? namespace : undefined)
      .filter(o => labels(o.metadata.labels) && fields(o));
    const resourceVersion = String(this.store.currentResourceVersion());
    if (options.continue) {
      const after = Buffer.from(options.continue, 'base64url').toString();
      items = items.filter(
        o => `${o.metadata.namespace ?? ''}/${o.metadata.name}` > after,
      );
    }
    if (options.limit && options.limit > 0 && items.length > options.limit) {
      items = items.slice(0, options.limit);
      const last = items[items.length - 1];
      const token = Buffer.from(
        `${last.metadata.namespace ?? ''}/${last.metadata.name}`,
      ).toString('base64url');
      return { items, resourceVersion, continue: token };
    }
    return { items, resourceVersion };
  }

  create(
    type: ResourceType,
    namespace: string | undefined,
    body: unknown,
    options: WriteOptions = {},
  ): Record<string, any> {
    const ns = this.scope(type, namespace);
    const obj = checkBody(type, body);
    if (type.namespaced) {
      if (obj.metadata.namespace && obj.metadata.namespace !== ns) {
        throw errors.badRequest(
          'the namespace of the provided object does not match the namespace sent on the request',
        );
      }
      obj.metadata.namespace = ns;
      this.requireNamespace(ns);
    } else delete obj.metadata.namespace;
    if (!obj.metadata.name && typeof obj.metadata.generateName === 'string') {
      obj.metadata.name =
        obj.metadata.generateName + randomUUID().replace(/-/g, '').slice(0, 5);
    }
    if (type.statusSubresource) delete obj.status;
    if (type.kind === 'Namespace') obj.status = { phase: 'Active' };
    return this.insert(type, obj, options, () =>
      recordUpdate(undefined, obj, this.manager(options), apiVersionOf(type), {
        skipStatus: !!type.statusSubresource,
        listKeys: listKeysFor(type),
      }),
    );
  }

  private insert(
    type: ResourceType,
    obj: Record<string, any>,
    options: WriteOptions,
    track: () => void,
  ): Record<string, any> {
    for (const k of ['resourceVersion', 'deletionTimestamp', 'managedFields'])
      delete obj.metadata[k];
    obj.metadata.uid = randomUUID();
    obj.metadata.creationTimestamp = timestamp();
    obj.metadata.generation = 1;
    applyDefaults(type, obj, undefined);
    track();
    validateObject(type, obj, options);
    // Like the API server: the body is decoded and validated first; only storage finds it exists.
    if (
      this.store.get(
        collectionKey(type),
        obj.metadata.namespace ?? '',
        obj.metadata.name,
      )
    )
      throw errors.alreadyExists(type.plural, type.group, obj.metadata.name);
    const crdTypes =
      type.kind === 'CustomResourceDefinition' ? crdTypesOf(obj) : undefined;
    if (options.dryRun) return obj;
    const stored = this.store.put(collectionKey(type), obj, 'ADDED');
    if (crdTypes) establishCrd(this, stored, crdTypes);
    return stored;
  }

  update(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    body: unknown,
    options: WriteOptions = {},
  ): Record<string, any> {
    const existing = this.get(type, namespace, name);
    const obj = checkBody(type, body);
    if (obj.metadata.name !== undefined && obj.metadata.name !== name) {
      throw errors.badRequest(
        `the name of the object (${obj.metadata.name}) does not match the name on the URL (${name})`,
      );
    }
    return this.commit(type, existing, obj, options, 'update');
  }

  patch(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    contentType: string,
    body: unknown,
    options: WriteOptions = {},
  ): Record<string, any> {
    if (contentType === PATCH_TYPES.apply)
      return this.apply(type, namespace, name, body, options);
    if (options.force)
      throw errors.badRequest(
        'force: Forbidden: may not be specified for non-apply patch',
      );
    const existing = this.get(type, namespace, name);
    let patched: Record<string, any>;
    if (contentType === PATCH_TYPES.json) patched = jsonPatch(existing, body);
    else if (contentType === PATCH_TYPES.merge)
      patched = mergePatch(existing, body);
    else if (contentType === PATCH_TYPES.strategic)
      patched = strategicMergePatch(
        existing,
        body,
        path => listKeysFor(type)(path)?.[0],
      );
    else throw errors.unsupportedMediaType(contentType);
    const obj = checkBody(type, patched);
    obj.metadata.name = name;
    return this.commit(type, existing, obj, options, 'update');
  }

  /** Server-side apply (`application/apply-patch+yaml`): creates the object when it does not exist. */
  apply(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    body: unknown,
    options: WriteOptions = {},
  ): Record<string, any> {
    const manager = requireFieldManager(options.fieldManager);
    const applied = checkBody(type, body);
    if (applied.metadata.name !== name) {
      throw errors.badRequest(
        `the name of the object (${
          applied.metadata.name ?? ''
        }) does not match the name on the URL (${name})`,
      );
    }
    const ns = this.scope(type, namespace);
    if (
      type.namespaced &&
      applied.metadata.namespace &&
      applied.metadata.namespace !== ns
    ) {
      throw errors.badRequest(
        'the namespace of the provided object does not match the namespace sent on the request',
      );
    }
    const existing = this.find(type, ns, name);
    const defaulted = deepClone(applied);
    if (type.namespaced) defaulted.metadata.namespace = ns;
    applyDefaults(type, defaulted, existing);
    const applyOptions = {
      listKeys: listKeysFor(type),
      defaulted,
      force: !!options.force,
      skipStatus: !!type.statusSubresource,
      apiVersion: apiVersionOf(type),
      plural: type.plural,
      group: type.group,
    };
    if (!existing) {
      if (type.namespaced) {
        applied.metadata.namespace = ns;
        this.requireNamespace(ns);
      } else delete applied.metadata.namespace;
      const merged = serverSideApply(undefined, applied, manager, applyOptions);
      if (type.kind === 'Namespace') merged.status = { phase: 'Active' };
      const tracked = merged.metadata.managedFields;
      return this.insert(type, merged, options, () => {
        merged.metadata.managedFields = tracked;
      });
    }
    const merged = serverSideApply(existing, applied, manager, applyOptions);
    return this.commit(type, existing, merged, options, 'apply');
  }

  /** Stores a new version of an existing object; a write that changes nothing stores nothing. */
  private commit(
    type: ResourceType,
    existing: Record<string, any>,
    next: Record<string, any>,
    options: WriteOptions,
    kind: 'update' | 'apply',
  ): Record<string, any> {
    const expectedRv = next.metadata.resourceVersion;
    if (
      kind === 'update' &&
      expectedRv !== undefined &&
      expectedRv !== '' &&
      expectedRv !== existing.metadata.resourceVersion
    ) {
      throw errors.conflict(
        type.plural,
        type.group,
        existing.metadata.name,
        'the object has been modified; please apply your changes to the latest version and try again',
      );
    }
    let obj = next;
    if (options.subresource === 'status') {
      obj = { ...deepClone(existing), status: deepClone(next.status) };
      obj.metadata.managedFields =
        next.metadata.managedFields ?? existing.metadata.managedFields;
    } else if (type.statusSubresource) {
      obj.status = deepClone(existing.status);
      if (obj.status === undefined) delete obj.status;
    }
    for (const k of [
      'uid',
      'creationTimestamp',
      'deletionTimestamp',
      'namespace',
      'name',
      'generation',
    ]) {
      if (existing.metadata[k] === undefined) delete obj.metadata[k];
      else obj.metadata[k] = existing.metadata[k];
    }
    // Decoding defaults the object on a real server, so an update's manager owns what it filled in.
    applyDefaults(type, obj, existing);
    if (kind === 'update') {
      recordUpdate(existing, obj, this.manager(options), apiVersionOf(type), {
        listKeys: listKeysFor(type),
        skipStatus:
          !!type.statusSubresource && options.subresource !== 'status',
        subresource: options.subresource,
      });
    }
    if (!deepEqual(specOf(type, existing), specOf(type, obj)))
      obj.metadata.generation = (existing.metadata.generation ?? 1) + 1;
    obj.metadata.resourceVersion = existing.metadata.resourceVersion;
    validateObject(type, obj, options);
    if (deepEqual(comparable(existing), comparable(obj))) return existing;
    const crdTypes =
      type.kind === 'CustomResourceDefinition' ? crdTypesOf(obj) : undefined;
    if (options.dryRun) return obj;
    if (
      obj.metadata.deletionTimestamp &&
      !(obj.metadata.finalizers ?? []).length
    ) {
      return removeObject(this, type, obj) ?? obj;
    }
    const stored = this.store.put(collectionKey(type), obj, 'MODIFIED');
    if (crdTypes) establishCrd(this, stored, crdTypes);
    return stored;
  }

  /**
   * Deletes an object. With finalizers it is only marked (deletionTimestamp) until they are removed.
   * Deleting a namespace deletes what is in it; dependents (ownerReferences) are deleted too.
   */
  delete(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    options: WriteOptions = {},
  ): Record<string, any> {
    const existing = this.get(type, namespace, name);
    if (options.dryRun) return existing;
    if ((existing.metadata.finalizers ?? []).length > 0) {
      if (existing.metadata.deletionTimestamp) return existing;
      existing.metadata.deletionTimestamp = timestamp();
      return this.store.put(collectionKey(type), existing, 'MODIFIED');
    }
    return removeObject(this, type, existing) ?? existing;
  }

  /**
   * Watches one collection (one namespace or all). Without `resourceVersion` (or with "0") the current
   * objects come first as ADDED; with one, the changes after it (410 Expired when too old).
   */
  watch(
    type: ResourceType,
    namespace: string | undefined,
    options: ListOptions & { resourceVersion?: string },
    onEvent: (e: StoreEvent) => void,
  ): () => void {
    return watchCollection(this.store, type, namespace, options, onEvent);
  }

  /** In-process server-side apply of a whole manifest, resolving its type from apiVersion and kind. */
  applyManifest(
    manifest: Record<string, any>,
    options: WriteOptions & { namespace?: string },
  ): Record<string, any> {
    const type = this.type(
      String(manifest.apiVersion ?? ''),
      String(manifest.kind ?? ''),
    );
    const namespace = type.namespaced
      ? manifest.metadata?.namespace ?? options.namespace ?? 'default'
      : undefined;
    const body = type.namespaced
      ? { ...manifest, metadata: { ...manifest.metadata, namespace } }
      : manifest;
    return this.apply(
      type,
      namespace,
      String(manifest.metadata?.name ?? ''),
      body,
      options,
    );
  }

  private requireNamespace(ns: string): void {
    if (!this.store.get('namespaces', '', ns))
      throw errors.notFound('namespaces', '', ns);
  }

  private manager(options: WriteOptions): string {
    return options.fieldManager || 'unknown';
  }
}
