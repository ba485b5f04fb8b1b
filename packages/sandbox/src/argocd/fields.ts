/**
 * ArgoCD's `fields` projection (used by its UI and by careful clients): the response keeps only
 * the listed dotted paths, e.g. `fields=items.metadata.name,items.status.sync.status`. Arrays on
 * the way are projected element by element. Several `fields` parameters add up.
 */

type PathTree = Map<string, PathTree | true>;

/** Splits `fields` query values (comma lists, possibly repeated) into a tree of paths; undefined = no projection. */
export function parseFields(
  raw: string | string[] | undefined,
): PathTree | undefined {
  const list = Array.isArray(raw) ? raw : [raw ?? ''];
  const values = list
    .flatMap(v => v.split(','))
    .map(v => v.trim())
    .filter(Boolean);
  if (values.length === 0) return undefined;
  const root: PathTree = new Map();
  for (const value of values) {
    const parts = value.split('.').filter(Boolean);
    let node = root;
    parts.forEach((part, i) => {
      const existing = node.get(part);
      if (existing === true) return;
      if (i === parts.length - 1) {
        node.set(part, true);
        return;
      }
      const child: PathTree = existing ?? new Map();
      node.set(part, child);
      node = child;
    });
  }
  return root;
}

/** Returns a copy of `value` with only the paths in `tree`. */
export function projectFields(
  value: unknown,
  tree: PathTree | undefined,
): unknown {
  if (!tree) return value;
  if (Array.isArray(value)) return value.map(item => projectFields(item, tree));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, sub] of tree) {
    if (!(key in (value as Record<string, unknown>))) continue;
    const child = (value as Record<string, unknown>)[key];
    out[key] = sub === true ? child : projectFields(child, sub);
  }
  return out;
}
