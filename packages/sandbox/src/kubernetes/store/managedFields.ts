import { KubeApiError } from '../api/errors';
import {
  changedPaths,
  deleteAt,
  formatPath,
  fromFieldsV1,
  getAt,
  itemSelector,
  leafPaths,
  overlaps,
  sameValueAt,
  toFieldsV1,
  type FieldPath,
  type ListKeysAt,
} from './fieldPaths';
import { deepClone } from './patch';

export interface ManagedFieldsEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time: string;
  fieldsType: 'FieldsV1';
  fieldsV1: Record<string, any>;
  subresource?: string;
}

interface Owner {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time: string;
  subresource?: string;
  paths: FieldPath[];
}

const isMap = (v: unknown) =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function readOwners(obj: Record<string, any>): Owner[] {
  const entries: ManagedFieldsEntry[] = Array.isArray(
    obj.metadata?.managedFields,
  )
    ? obj.metadata.managedFields
    : [];
  return entries.map(e => ({
    manager: e.manager,
    operation: e.operation,
    apiVersion: e.apiVersion,
    time: e.time,
    subresource: e.subresource,
    paths: fromFieldsV1(e.fieldsV1),
  }));
}

function writeOwners(obj: Record<string, any>, owners: Owner[]): void {
  const entries: ManagedFieldsEntry[] = owners
    .filter(o => o.paths.length > 0)
    .map(o => ({
      manager: o.manager,
      operation: o.operation,
      apiVersion: o.apiVersion,
      time: o.time,
      fieldsType: 'FieldsV1',
      fieldsV1: toFieldsV1(o.paths),
      ...(o.subresource ? { subresource: o.subresource } : {}),
    }));
  obj.metadata = obj.metadata ?? {};
  if (entries.length) obj.metadata.managedFields = entries;
  else delete obj.metadata.managedFields;
}

const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

function ownerFor(
  owners: Owner[],
  manager: string,
  operation: 'Apply' | 'Update',
  apiVersion: string,
  subresource?: string,
): Owner {
  let owner = owners.find(
    o =>
      o.manager === manager &&
      o.operation === operation &&
      (o.subresource ?? '') === (subresource ?? ''),
  );
  if (!owner) {
    owner = {
      manager,
      operation,
      apiVersion,
      time: now(),
      subresource,
      paths: [],
    };
    owners.push(owner);
  }
  owner.apiVersion = apiVersion;
  owner.time = now();
  return owner;
}

/** Drops owned paths that no longer exist in the object. */
function pruneMissing(owners: Owner[], obj: Record<string, any>): void {
  for (const o of owners)
    o.paths = o.paths.filter(p => getAt(obj, p) !== undefined);
}

/**
 * Records a non-apply write (create, update, patch) by `manager`: it takes every field it changed,
 * and other managers lose those fields (updates never conflict).
 */
export function recordUpdate(
  before: Record<string, any> | undefined,
  after: Record<string, any>,
  manager: string,
  apiVersion: string,
  options: { skipStatus: boolean; subresource?: string; listKeys?: ListKeysAt },
): void {
  const owners = before ? readOwners(before) : [];
  const changed = changedPaths(
    before,
    after,
    options.skipStatus,
    options.listKeys,
  );
  pruneMissing(owners, after);
  if (changed.length > 0) {
    for (const o of owners)
      o.paths = o.paths.filter(p => !changed.some(c => overlaps(c, p)));
    const mine = ownerFor(
      owners,
      manager,
      'Update',
      apiVersion,
      options.subresource,
    );
    for (const c of changed)
      if (!mine.paths.some(p => p.join('\u0000') === c.join('\u0000')))
        mine.paths.push(c);
  }
  writeOwners(after, owners);
}

/**
 * Deep merge for apply: maps merge, associative lists merge item by item (matched by their keys,
 * new items appended), atomic lists and scalars from the applied configuration replace.
 */
function mergeApplied(
  live: any,
  applied: any,
  path: FieldPath = [],
  listKeys?: ListKeysAt,
): any {
  const keys = Array.isArray(applied) ? listKeys?.(path) : undefined;
  if (
    keys &&
    Array.isArray(live) &&
    applied.every(isMap) &&
    live.every(isMap)
  ) {
    const out = [...live];
    for (const item of applied) {
      const selector = itemSelector(item, keys);
      const i = out.findIndex(o => itemSelector(o, keys) === selector);
      const itemPath = [...path, selector];
      if (i >= 0) out[i] = mergeApplied(out[i], item, itemPath, listKeys);
      else out.push(deepClone(item));
    }
    return out;
  }
  if (typeof applied !== 'object' || applied === null || Array.isArray(applied))
    return deepClone(applied);
  const out: Record<string, any> =
    typeof live === 'object' && live !== null && !Array.isArray(live)
      ? live
      : {};
  for (const [k, v] of Object.entries(applied))
    out[k] = mergeApplied(out[k], v, [...path, k], listKeys);
  return out;
}

/**
 * Server-side apply of `applied` by `manager` onto `live` (undefined when the object is new).
 * Conflicts with fields other managers own with a different value are a 409 naming each field and
 * manager, unless `force` moves those fields to `manager`. Fields `manager` applied before and no
 * longer applies are removed when no one else owns them.
 */
export function serverSideApply(
  live: Record<string, any> | undefined,
  applied: Record<string, any>,
  manager: string,
  options: {
    force: boolean;
    skipStatus: boolean;
    apiVersion: string;
    plural: string;
    group: string;
    /**
     * The applied configuration as the server would default it: values are compared with this,
     * so that a list applied without the fields the server fills in (a container's
     * imagePullPolicy) is the same value as the live list that has them.
     */
    defaulted?: Record<string, any>;
    /** The keys of the kind's associative lists (merged by item, owned per item). */
    listKeys?: ListKeysAt;
  },
): Record<string, any> {
  const appliedPaths = leafPaths(applied, {
    skipStatus: options.skipStatus,
    listKeys: options.listKeys,
  });
  const owners = live ? readOwners(live) : [];
  const base: Record<string, any> = live ? deepClone(live) : {};

  const conflicts: Array<{
    manager: string;
    apiVersion: string;
    path: FieldPath;
  }> = [];
  for (const other of owners) {
    if (other.manager === manager) continue;
    const lost: FieldPath[] = [];
    for (const owned of other.paths) {
      // Compare at the shallower of the two paths: that is where the two values meet. Owning a
      // map (an empty map applied) never conflicts with owning fields inside it, and two managers
      // may both hold an item of a keyed list (only its fields can conflict).
      const conflicting = appliedPaths.some(hit => {
        if (!overlaps(hit, owned)) return false;
        const at = hit.length <= owned.length ? hit : owned;
        if (at[at.length - 1]?.startsWith('k:')) return false;
        if (
          sameValueAt(base, applied, at) ||
          (options.defaulted && sameValueAt(base, options.defaulted, at))
        )
          return false;
        return !(
          hit.length !== owned.length &&
          isMap(getAt(base, at)) &&
          isMap(getAt(applied, at))
        );
      });
      if (!conflicting) continue;
      conflicts.push({
        manager: other.manager,
        apiVersion: other.apiVersion,
        path: owned,
      });
      lost.push(owned);
    }
    if (options.force) other.paths = other.paths.filter(p => !lost.includes(p));
  }
  if (conflicts.length > 0 && !options.force) {
    const byManager = new Map<string, string[]>();
    for (const c of conflicts) {
      const key = `conflict with "${c.manager}" using ${c.apiVersion}`;
      byManager.set(key, [...(byManager.get(key) ?? []), formatPath(c.path)]);
    }
    const summary = [...byManager.entries()]
      .map(([k, fields]) => `${k}: ${fields.join(', ')}`)
      .join('; ');
    throw new KubeApiError(
      409,
      'Conflict',
      `Apply failed with ${conflicts.length} conflict${
        conflicts.length > 1 ? 's' : ''
      }: ${summary}`,
      {
        name: applied.metadata?.name,
        group: options.group,
        kind: options.plural,
        causes: conflicts.map(c => ({
          reason: 'FieldManagerConflict',
          message: `conflict with "${c.manager}" using ${c.apiVersion}`,
          field: formatPath(c.path),
        })),
      },
    );
  }

  const mine = ownerFor(owners, manager, 'Apply', options.apiVersion);
  // Someone else keeps a field alive by owning it or something inside it (not by owning a map above it).
  const othersOwn = (p: FieldPath) =>
    owners.some(
      o =>
        o !== mine && o.paths.some(q => q.length >= p.length && overlaps(p, q)),
    );
  for (const old of mine.paths) {
    // Still applied: the same path or one inside it (applying `spec: {}` does not keep spec's fields).
    const kept = appliedPaths.some(
      p => p.length >= old.length && overlaps(p, old),
    );
    if (!kept && !othersOwn(old)) deleteAt(base, old);
  }
  mine.paths = appliedPaths;

  const merged = mergeApplied(
    base,
    stripForMerge(applied, options.skipStatus),
    [],
    options.listKeys,
  );
  pruneMissing(owners, merged);
  writeOwners(merged, owners);
  return merged;
}

/** The applied configuration without fields the server sets itself. */
function stripForMerge(
  applied: Record<string, any>,
  skipStatus: boolean,
): Record<string, any> {
  const copy = deepClone(applied);
  if (copy.metadata) {
    for (const k of [
      'uid',
      'resourceVersion',
      'generation',
      'creationTimestamp',
      'managedFields',
      'deletionTimestamp',
      'selfLink',
    ]) {
      delete copy.metadata[k];
    }
  }
  if (skipStatus) delete copy.status;
  return copy;
}

export function requireFieldManager(manager: string | undefined): string {
  if (!manager) {
    throw new KubeApiError(
      422,
      'Invalid',
      'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
      {
        causes: [
          {
            reason: 'FieldValueRequired',
            message: 'Required value: is required for apply patch',
            field: 'fieldManager',
          },
        ],
      },
    );
  }
  return manager;
}
