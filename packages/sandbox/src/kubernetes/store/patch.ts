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

/**
 * A strategic merge patch: a JSON merge patch whose lists with a patch merge key merge item by
 * item on it (`mergeKeyAt`: the first of the list's keys, `builtin/listTypes.ts`: containers and
 * env by `name`, container ports by `containerPort`, Service ports by `port`, conditions by
 * `type`; lists of named objects elsewhere by `name`), where an item `{"$patch": "delete", <key>}`
 * removes that item (what `kubectl apply` sends for an item taken out of a manifest); the other
 * directives (`$setElementOrder/...`, `$retainKeys`, `$deleteFromPrimitiveList`) are dropped.
 */
export function strategicMergePatch(
  target: Json,
  patch: Json,
  mergeKeyAt: (path: string[]) => string | undefined = () => undefined,
  path: string[] = [],
): Json {
  if (!isMap(patch)) return deepClone(patch);
  const out: Record<string, Json> = isMap(target) ? deepClone(target) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$')) continue;
    const current = out[k];
    const here = [...path, k];
    const named = (list: Json[]) =>
      list.every(i => isMap(i) && typeof i.name === 'string');
    const key =
      mergeKeyAt(here) ??
      (Array.isArray(v) && Array.isArray(current) && named(current)
        ? 'name'
        : undefined);
    if (v === null) delete out[k];
    else if (
      key &&
      Array.isArray(v) &&
      v.every(isMap) &&
      (current === undefined ||
        (Array.isArray(current) && current.every(isMap)))
    ) {
      const list = [...((current as Json[] | undefined) ?? [])] as Array<
        Record<string, Json>
      >;
      for (const item of v as Array<Record<string, Json>>) {
        const at = list.findIndex(o => deepEqual(o[key], item[key]));
        // Items of one list share the path of the list's item type (FieldsV1 `k:` selectors).
        const itemPath = [...here, 'k:'];
        if (item.$patch === 'delete') {
          if (at >= 0) list.splice(at, 1);
        } else if (at >= 0)
          list[at] = strategicMergePatch(
            list[at],
            item,
            mergeKeyAt,
            itemPath,
          ) as Record<string, Json>;
        else
          list.push(
            strategicMergePatch(
              undefined,
              item,
              mergeKeyAt,
              itemPath,
            ) as Record<string, Json>,
          );
      }
      out[k] = list;
    } else out[k] = strategicMergePatch(current, v, mergeKeyAt, here);
  }
  return out;
}

/** RFC 7386 JSON merge patch: maps merge, `null` deletes, everything else (lists included) replaces. */
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
