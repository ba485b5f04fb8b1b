import {
  apiVersionOf,
  type ResourceRegistry,
  type ResourceType,
} from './resources';

/**
 * A minimal OpenAPI v3 surface. kubectl reads it only to learn that the server validates fields
 * itself (the `fieldValidation` query parameter on each kind's PATCH); then it skips client-side
 * schema validation. Schemas are left empty.
 */
function gvPath(t: Pick<ResourceType, 'group' | 'version'>): string {
  return t.group ? `apis/${t.group}/${t.version}` : `api/${t.version}`;
}

/** `GET /openapi/v3`: one entry per served group/version. */
export function openApiV3Root(registry: ResourceRegistry) {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const t of registry.all()) {
    const p = gvPath(t);
    paths[p] = {
      serverRelativeURL: `/openapi/v3/${p}?hash=${Buffer.from(apiVersionOf(t))
        .toString('hex')
        .slice(0, 16)}`,
    };
  }
  return { paths };
}

const QUERY_PARAMS = [
  'dryRun',
  'fieldManager',
  'fieldValidation',
  'force',
  'pretty',
].map(name => ({
  name,
  in: 'query',
  schema: { type: name === 'force' ? 'boolean' : 'string' },
  uniqueItems: true,
}));

/** `GET /openapi/v3/{api/v1 | apis/group/version}`, or undefined when that group/version is not served. */
export function openApiV3GroupVersion(registry: ResourceRegistry, gv: string) {
  const types = registry.all().filter(t => gvPath(t) === gv);
  if (types.length === 0) return undefined;
  const paths: Record<string, unknown> = {};
  for (const t of types) {
    const gvk = { group: t.group, version: t.version, kind: t.kind };
    const base = t.namespaced
      ? `/${gv}/namespaces/{namespace}/${t.plural}`
      : `/${gv}/${t.plural}`;
    const op = (id: string) => ({
      operationId: `${id}${t.kind}`,
      'x-kubernetes-group-version-kind': gvk,
      parameters: QUERY_PARAMS,
      responses: {},
    });
    paths[base] = { get: op('list'), post: op('create') };
    paths[`${base}/{name}`] = {
      get: op('read'),
      put: op('replace'),
      patch: op('patch'),
      delete: op('delete'),
    };
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes (EDP sandbox)', version: 'v1.32.4' },
    paths,
    components: { schemas: {} },
  };
}
