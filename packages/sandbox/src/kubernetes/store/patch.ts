import { errors, KubeApiError } from '../api/errors';

type Json = any;

function isMap(v: unknown): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function deepClone<T>(v: T): T {
  return v === undefined ? v : JSON.parse(JSON.stringify(v));
}

export function deepEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isMap(a) && isMap(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return (
      ka.length === kb.length &&
      ka.every(
        k =>
          Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]),
      )
    );
  }
  return false;
}

/** RFC 7386 JSON merge patch: maps merge, `null` deletes, everything else (lists included) replaces. */
/**
 * A strategic merge patch, approximated: a JSON merge patch whose lists of named objects
 * (`containers`, `env`, `volumes`, ...) merge item by item on `name`, as their patch strategy
 * says, and whose directives (`$setElementOrder/...`, `$retainKeys`, `$patch`) are dropped.
 */
export function strategicMergePatch(target: Json, patch: Json): Json {
  if (!isMap(patch)) return deepClone(patch);
  const out: Record<string, Json> = isMap(target) ? deepClone(target) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$')) continue;
    const current = out[k];
    const named = (list: Json[]) =>
      list.every(i => isMap(i) && typeof i.name === 'string');
    if (v === null) delete out[k];
    else if (
      Array.isArray(v) &&
      Array.isArray(current) &&
      named(v) &&
      named(current)
    ) {
      const merged = current.map(item => {
        const update = v.find(p => (p as any).name === (item as any).name);
        return update === undefined ? item : strategicMergePatch(item, update);
      });
      for (const p of v)
        if (!current.some(item => (item as any).name === (p as any).name))
          merged.push(strategicMergePatch(undefined, p));
      out[k] = merged;
    } else out[k] = strategicMergePatch(current, v);
  }
  return out;
}

export function mergePatch(target: Json, patch: Json): Json {
  if (!isMap(patch)) return deepClone(patch);
  const out: Record<string, Json> = isMap(target) ? deepClone(target) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

function decodePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/'))
    throw errors.badRequest(
      `json patch: path "${pointer}" must start with "/"`,
    );
  return pointer
    .slice(1)
    .split('/')
    .map(s => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function parentOf(doc: Json, tokens: string[], path: string): Json {
  let cur = doc;
  for (const t of tokens.slice(0, -1)) {
    if (Array.isArray(cur)) cur = cur[Number(t)];
    else if (isMap(cur)) cur = cur[t];
    else cur = undefined;
    if (cur === undefined)
      throw errors.badRequest(
        `json patch: path "${path}" does not exist (missing "${t}")`,
      );
  }
  return cur;
}

function getAt(doc: Json, path: string): Json {
  const tokens = decodePointer(path);
  if (tokens.length === 0) return doc;
  const parent = parentOf(doc, tokens, path);
  const last = tokens[tokens.length - 1];
  const v = Array.isArray(parent) ? parent[Number(last)] : parent?.[last];
  if (v === undefined)
    throw errors.badRequest(`json patch: path "${path}" does not exist`);
  return v;
}

function removeAt(doc: Json, path: string): Json {
  const tokens = decodePointer(path);
  const parent = parentOf(doc, tokens, path);
  const last = tokens[tokens.length - 1];
  if (Array.isArray(parent)) {
    const i = Number(last);
    if (!Number.isInteger(i) || i < 0 || i >= parent.length)
      throw errors.badRequest(
        `json patch: index "${last}" out of range in "${path}"`,
      );
    return parent.splice(i, 1)[0];
  }
  if (!isMap(parent) || !(last in parent))
    throw errors.badRequest(`json patch: path "${path}" does not exist`);
  const v = parent[last];
  delete parent[last];
  return v;
}

function addAt(doc: Json, path: string, value: Json, replace: boolean): Json {
  const tokens = decodePointer(path);
  if (tokens.length === 0) return deepClone(value);
  const parent = parentOf(doc, tokens, path);
  const last = tokens[tokens.length - 1];
  if (Array.isArray(parent)) {
    const i = last === '-' ? parent.length : Number(last);
    if (
      !Number.isInteger(i) ||
      i < 0 ||
      i > parent.length ||
      (replace && i >= parent.length)
    ) {
      throw errors.badRequest(
        `json patch: index "${last}" out of range in "${path}"`,
      );
    }
    parent.splice(i, replace ? 1 : 0, deepClone(value));
  } else if (isMap(parent)) {
    if (replace && !(last in parent))
      throw errors.badRequest(`json patch: path "${path}" does not exist`);
    parent[last] = deepClone(value);
  } else {
    throw errors.badRequest(
      `json patch: the parent of "${path}" is not an object or a list`,
    );
  }
  return doc;
}

/** RFC 6902 JSON patch (add, remove, replace, move, copy, test). */
export function jsonPatch(target: Json, ops: Json): Json {
  if (!Array.isArray(ops))
    throw errors.badRequest(
      'json patch: the body must be a list of operations',
    );
  let doc = deepClone(target);
  ops.forEach((op, i) => {
    if (
      !isMap(op) ||
      typeof op.op !== 'string' ||
      typeof op.path !== 'string'
    ) {
      throw errors.badRequest(
        `json patch: operation ${i} needs "op" and "path"`,
      );
    }
    switch (op.op) {
      case 'add':
        doc = addAt(doc, op.path, op.value, false);
        break;
      case 'replace':
        doc = addAt(doc, op.path, op.value, true);
        break;
      case 'remove':
        removeAt(doc, op.path);
        break;
      case 'move': {
        const v = removeAt(doc, String(op.from));
        doc = addAt(doc, op.path, v, false);
        break;
      }
      case 'copy':
        doc = addAt(doc, op.path, getAt(doc, String(op.from)), false);
        break;
      case 'test':
        if (!deepEqual(getAt(doc, op.path), op.value)) {
          throw new KubeApiError(
            422,
            'Invalid',
            `json patch: test operation ${i} failed at "${op.path}"`,
          );
        }
        break;
      default:
        throw errors.badRequest(
          `json patch: unknown operation "${op.op}" at index ${i}`,
        );
    }
  });
  return doc;
}
