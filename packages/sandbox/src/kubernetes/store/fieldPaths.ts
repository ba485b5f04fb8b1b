import { deepEqual } from './patch';

/**
 * A path to a field, e.g. ['spec', 'replicas']. An item of an associative list (one with keys, see
 * `builtin/listTypes.ts`) is addressed as FieldsV1 does, `k:{"name":"web"}`, and a path ending in
 * one stands for the item itself (FieldsV1's `.`); other lists are atomic: a path never goes inside
 * one.
 */
export type FieldPath = string[];

/** The keys of the associative list at a path; undefined for atomic lists. */
export type ListKeysAt = (path: FieldPath) => string[] | undefined;

const isSelector = (segment: string) => segment.startsWith('k:');

/** A key left out of an item is the value the server defaults it to (a port's protocol). */
const keyValue = (item: Record<string, any>, key: string) =>
  item[key] ?? (key === 'protocol' ? 'TCP' : undefined);

/** `k:{"containerPort":80,"protocol":"TCP"}`: the item's keys, sorted, as FieldsV1 writes them. */
export function itemSelector(
  item: Record<string, any>,
  keys: string[],
): string {
  const values: Record<string, unknown> = {};
  for (const k of [...keys].sort()) values[k] = keyValue(item, k);
  return `k:${JSON.stringify(values)}`;
}

function findItem(list: unknown, selector: string): number {
  if (!Array.isArray(list)) return -1;
  const wanted = JSON.parse(selector.slice(2)) as Record<string, unknown>;
  return list.findIndex(
    item =>
      isMap(item) &&
      Object.entries(wanted).every(([k, v]) => deepEqual(keyValue(item, k), v)),
  );
}

function isMap(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Metadata the server owns; never part of a manager's field set. */
const SYSTEM_METADATA = new Set([
  'name',
  'namespace',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'managedFields',
  'selfLink',
]);

/**
 * The leaf fields an object sets: scalars, lists (atomic) and empty maps.
 * Server-side apply in the real API server treats lists by their schema (maps keyed by `name`, sets);
 * the stand-in owns every list as a whole, which gives coarser but consistent conflicts.
 */
export function leafPaths(
  obj: Record<string, any>,
  options: { skipStatus?: boolean; listKeys?: ListKeysAt } = {},
): FieldPath[] {
  const out: FieldPath[] = [];
  const walk = (value: any, path: FieldPath) => {
    const keys = Array.isArray(value) ? options.listKeys?.(path) : undefined;
    if (keys && value.every(isMap)) {
      // An associative list: each item is owned by itself and field by field.
      for (const item of value) {
        const itemPath = [...path, itemSelector(item, keys)];
        out.push(itemPath);
        for (const [k, v] of Object.entries(item))
          if (v !== undefined) walk(v, [...itemPath, k]);
      }
      if (value.length === 0) out.push(path);
    } else if (isMap(value) && Object.keys(value).length > 0) {
      for (const [k, v] of Object.entries(value)) {
        if (v === undefined) continue;
        walk(v, [...path, k]);
      }
    } else {
      out.push(path);
    }
  };
  for (const [k, v] of Object.entries(obj)) {
    if (k === 'apiVersion' || k === 'kind' || v === undefined) continue;
    if (k === 'status' && options.skipStatus) continue;
    if (k === 'metadata' && isMap(v)) {
      for (const [mk, mv] of Object.entries(v)) {
        if (!SYSTEM_METADATA.has(mk) && mv !== undefined)
          walk(mv, ['metadata', mk]);
      }
      continue;
    }
    walk(v, [k]);
  }
  return out;
}

export function getAt(obj: any, path: FieldPath): any {
  let cur = obj;
  for (const p of path) {
    if (isSelector(p)) {
      const i = findItem(cur, p);
      if (i < 0) return undefined;
      cur = cur[i];
      continue;
    }
    if (!isMap(cur)) return undefined;
    cur = cur[p];
  }
  return cur;
}

/** Deletes the field (or list item) and any map above it that became empty (below the top level). */
export function deleteAt(obj: Record<string, any>, path: FieldPath): void {
  // Each step: the container and where in it (a property name or an item index).
  const steps: Array<{ container: any; at: string | number }> = [];
  let cur: any = obj;
  for (const p of path) {
    if (isSelector(p)) {
      const i = findItem(cur, p);
      if (i < 0) return;
      steps.push({ container: cur, at: i });
      cur = cur[i];
    } else {
      if (!isMap(cur)) return;
      steps.push({ container: cur, at: p });
      cur = cur[p];
    }
  }
  if (cur === undefined) return;
  for (let i = steps.length - 1; i >= 0; i--) {
    const { container, at } = steps[i];
    if (i < steps.length - 1) {
      // A parent is removed only when deleting left it empty (a map below the top level).
      const child = container[at];
      if (!(i >= 1 && isMap(child) && Object.keys(child).length === 0)) break;
    }
    if (typeof at === 'number') container.splice(at, 1);
    else delete container[at];
  }
}

/** True when one path is the other or lies inside it. */
export function overlaps(a: FieldPath, b: FieldPath): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function sameValueAt(a: any, b: any, path: FieldPath): boolean {
  return deepEqual(getAt(a, path), getAt(b, path));
}

/** How the API server prints a field in conflict messages: `.spec.replicas`. */
export function formatPath(path: FieldPath): string {
  return path
    .map(p => {
      if (!isSelector(p)) return `.${p}`;
      const keys = JSON.parse(p.slice(2)) as Record<string, unknown>;
      return `[${Object.entries(keys)
        .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
        .join(',')}]`;
    })
    .join('');
}

/** Encodes a field set as `fieldsV1` (`{"f:spec":{"f:replicas":{}}}`). */
export function toFieldsV1(paths: FieldPath[]): Record<string, any> {
  const root: Record<string, any> = {};
  for (const path of paths) {
    let cur = root;
    for (const p of path) {
      const key = isSelector(p) ? p : `f:${p}`;
      cur[key] = cur[key] ?? {};
      cur = cur[key];
    }
    if (isSelector(path[path.length - 1] ?? '')) cur['.'] = {};
  }
  return root;
}

/**
 * Decodes `fieldsV1`: keyed list items (`k:`) are paths of their own (`.` is the item itself);
 * set and positional items (`v:`, `i:`) count as their list, which the stand-in keeps atomic.
 */
export function fromFieldsV1(
  fields: Record<string, any> | undefined,
): FieldPath[] {
  const out: FieldPath[] = [];
  const walk = (node: Record<string, any>, path: FieldPath) => {
    const names = Object.keys(node);
    const children = names.filter(k => k.startsWith('f:') || isSelector(k));
    if (names.some(k => /^[vi]:/.test(k))) {
      if (path.length) out.push(path);
      return;
    }
    const item = isSelector(path[path.length - 1] ?? '');
    if ((item && names.includes('.')) || children.length === 0) {
      if (path.length) out.push(path);
    }
    for (const k of children)
      walk(isMap(node[k]) ? node[k] : {}, [
        ...path,
        isSelector(k) ? k : k.slice(2),
      ]);
  };
  if (isMap(fields)) walk(fields, []);
  return out;
}

/** Leaf paths whose value differs between two versions of an object (added or changed in `after`). */
export function changedPaths(
  before: Record<string, any> | undefined,
  after: Record<string, any>,
  skipStatus: boolean,
  listKeys?: ListKeysAt,
): FieldPath[] {
  return leafPaths(after, { skipStatus, listKeys }).filter(p => {
    if (!before) return true;
    // An item of a keyed list is new or not; what changes inside it are its fields.
    if (isSelector(p[p.length - 1])) return getAt(before, p) === undefined;
    return !sameValueAt(before, after, p);
  });
}
