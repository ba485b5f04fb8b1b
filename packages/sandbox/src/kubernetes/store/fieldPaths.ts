import { deepEqual } from './patch';

/** A path to a field, e.g. ['spec', 'replicas']. Lists are atomic: a path never goes inside one. */
export type FieldPath = string[];

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
  options: { skipStatus?: boolean } = {},
): FieldPath[] {
  const out: FieldPath[] = [];
  const walk = (value: any, path: FieldPath) => {
    if (isMap(value) && Object.keys(value).length > 0) {
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
    if (!isMap(cur)) return undefined;
    cur = cur[p];
  }
  return cur;
}

export function setAt(
  obj: Record<string, any>,
  path: FieldPath,
  value: any,
): void {
  let cur = obj;
  for (const p of path.slice(0, -1)) {
    if (!isMap(cur[p])) cur[p] = {};
    cur = cur[p];
  }
  cur[path[path.length - 1]] = value;
}

/** Deletes the field and any map above it that became empty (below the top level). */
export function deleteAt(obj: Record<string, any>, path: FieldPath): void {
  const parents: Array<Record<string, any>> = [];
  let cur: any = obj;
  for (const p of path.slice(0, -1)) {
    if (!isMap(cur)) return;
    parents.push(cur);
    cur = cur[p];
  }
  if (!isMap(cur)) return;
  delete cur[path[path.length - 1]];
  for (let i = path.length - 2; i >= 1; i--) {
    const parent = parents[i];
    const key = path[i];
    if (isMap(parent[key]) && Object.keys(parent[key]).length === 0)
      delete parent[key];
    else break;
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
  return path.map(p => `.${p}`).join('');
}

/** Encodes a field set as `fieldsV1` (`{"f:spec":{"f:replicas":{}}}`). */
export function toFieldsV1(paths: FieldPath[]): Record<string, any> {
  const root: Record<string, any> = {};
  for (const path of paths) {
    let cur = root;
    for (const p of path) {
      const key = `f:${p}`;
      cur[key] = cur[key] ?? {};
      cur = cur[key];
    }
  }
  return root;
}

/** Decodes `fieldsV1`; `.` markers are skipped and keyed list items (`k:`) count as their list. */
export function fromFieldsV1(
  fields: Record<string, any> | undefined,
): FieldPath[] {
  const out: FieldPath[] = [];
  const walk = (node: Record<string, any>, path: FieldPath) => {
    const children = Object.keys(node).filter(k => k.startsWith('f:'));
    const itemKeys = Object.keys(node).some(k => /^[kvi]:/.test(k));
    if (children.length === 0 || itemKeys) {
      if (path.length) out.push(path);
      return;
    }
    for (const k of children)
      walk(isMap(node[k]) ? node[k] : {}, [...path, k.slice(2)]);
  };
  if (isMap(fields)) walk(fields, []);
  return out;
}

/** Leaf paths whose value differs between two versions of an object (added or changed in `after`). */
export function changedPaths(
  before: Record<string, any> | undefined,
  after: Record<string, any>,
  skipStatus: boolean,
): FieldPath[] {
  return leafPaths(after, { skipStatus }).filter(
    p => !before || !sameValueAt(before, after, p),
  );
}
