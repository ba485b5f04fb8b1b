import type { ResourceType } from '../store/resources';
import type { Schema } from './derive';
import { INT_OR_STRING, QUANTITY } from './derive';
import builtinSchemas from './schemas.json';

/** The official definitions of the release's built-in kinds (derived by `derive.ts`), by name. */
export const SCHEMAS = builtinSchemas as Record<string, Schema>;

const REF_PREFIX = '#/components/schemas/';

const byGvk = new Map<string, string>();
for (const [name, schema] of Object.entries(SCHEMAS)) {
  for (const gvk of schema['x-kubernetes-group-version-kind'] ?? [])
    byGvk.set(`${gvk.group}/${gvk.version}/${gvk.kind}`, name);
}

/** The definition name of a built-in kind (`io.k8s.api.apps.v1.Deployment`), if it has one. */
export function schemaNameOf(
  t: Pick<ResourceType, 'group' | 'version' | 'kind'>,
): string | undefined {
  return byGvk.get(`${t.group}/${t.version}/${t.kind}`);
}

/** Follows `$ref` and `allOf: [$ref]` to the named definition, when there is one. */
export function resolve(schema: Schema): { schema: Schema; name?: string } {
  const ref: string | undefined = schema.$ref ?? schema.allOf?.[0]?.$ref;
  if (!ref) return { schema };
  const name = ref.slice(REF_PREFIX.length);
  return { schema: SCHEMAS[name] ?? {}, name };
}

/** The names of `roots` and of every definition they reference, directly or not. */
export function closure(roots: string[]): string[] {
  const seen = new Set<string>();
  const stack = [...roots];
  while (stack.length) {
    const name = stack.pop()!;
    if (seen.has(name) || !SCHEMAS[name]) continue;
    seen.add(name);
    const text = JSON.stringify(SCHEMAS[name]);
    for (const m of text.matchAll(/"#\/components\/schemas\/([^"]+)"/g))
      stack.push(m[1]);
  }
  return [...seen].sort();
}

/** How Go names a definition's type in decoding errors: `v1.PodSpec`, `intstr.IntOrString`. */
export function goTypeName(name: string): string {
  if (name === INT_OR_STRING) return 'intstr.IntOrString';
  if (name === QUANTITY) return 'resource.Quantity';
  const parts = name.split('.');
  return `${parts[parts.length - 2]}.${parts[parts.length - 1]}`;
}
