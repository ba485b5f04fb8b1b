import { createHash } from 'node:crypto';
import { closure, schemaNameOf, SCHEMAS } from '../builtin/builtinSchemas';
import type { Schema } from '../builtin/derive';
import { encodeOpenApiV2 } from './openapiV2Protobuf';
import {
  apiVersionOf,
  type ResourceRegistry,
  type ResourceType,
} from '../store/resources';

/**
 * `/openapi/v3` and `/openapi/v2` with the definitions of every served kind: the official ones for
 * built-in kinds (`builtin/schemas.json`), each CRD's openAPIV3Schema for custom resources. kubectl
 * reads v3 for `explain` and to learn that the server validates fields itself (the
 * `fieldValidation` parameter of each kind's PATCH), then it skips client-side validation.
 */
const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';
const REF = '#/components/schemas/';

function gvPath(t: Pick<ResourceType, 'group' | 'version'>): string {
  return t.group ? `apis/${t.group}/${t.version}` : `api/${t.version}`;
}

/** `argoproj.io` + `v1alpha1` + `Application` -> `io.argoproj.v1alpha1.Application`, as the server names CRD schemas. */
function crdSchemaName(t: ResourceType): string {
  return [...t.group.split('.').reverse(), t.version, t.kind].join('.');
}

function crdSchema(t: ResourceType): Schema {
  const schema = t.schema ?? {};
  return {
    ...schema,
    type: 'object',
    properties: {
      ...(schema.properties ?? {}),
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      metadata: { allOf: [{ $ref: `${REF}${OBJECT_META}` }] },
    },
    'x-kubernetes-group-version-kind': [
      { group: t.group, version: t.version, kind: t.kind },
    ],
  };
}

/** Every definition the given kinds need, by name. */
function schemasFor(types: ResourceType[]): Record<string, Schema> {
  const roots: string[] = [OBJECT_META];
  const custom: Record<string, Schema> = {};
  for (const t of types) {
    const name = t.schema ? undefined : schemaNameOf(t);
    if (name) {
      roots.push(name);
      const list = schemaNameOf({ ...t, kind: t.listKind });
      if (list) roots.push(list);
    } else custom[crdSchemaName(t)] = crdSchema(t);
  }
  const out: Record<string, Schema> = {};
  for (const n of closure(roots)) out[n] = SCHEMAS[n];
  return { ...out, ...custom };
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

function v3Document(types: ResourceType[], gv: string) {
  const paths: Record<string, unknown> = {};
  for (const t of types) {
    const gvk = { group: t.group, version: t.version, kind: t.kind };
    const base = t.namespaced
      ? `/${gv}/namespaces/{namespace}/${t.plural}`
      : `/${gv}/${t.plural}`;
    const name = t.schema ? crdSchemaName(t) : schemaNameOf(t);
    const op = (id: string, withBody = false) => ({
      operationId: `${id}${t.kind}`,
      'x-kubernetes-group-version-kind': gvk,
      parameters: QUERY_PARAMS,
      ...(withBody && name
        ? {
            requestBody: {
              content: {
                '*/*': { schema: { $ref: `${REF}${name}` } },
              },
            },
          }
        : {}),
      responses: name
        ? {
            '200': {
              description: 'OK',
              content: {
                'application/json': { schema: { $ref: `${REF}${name}` } },
              },
            },
          }
        : {},
    });
    const verbs = t.verbs ?? ['create', 'get', 'list', 'update', 'patch'];
    paths[base] = {
      ...(verbs.includes('list') ? { get: op('list') } : {}),
      ...(verbs.includes('create') ? { post: op('create', true) } : {}),
    };
    if (verbs.includes('get'))
      paths[`${base}/{name}`] = {
        get: op('read'),
        put: op('replace', true),
        patch: op('patch'),
        delete: op('delete'),
      };
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'v1.34.0' },
    paths,
    components: { schemas: schemasFor(types) },
  };
}

/**
 * A v3 schema in the form the API server's Swagger 2.0 document has it: a reference is `$ref` with
 * its description beside it (v3 wraps it in `allOf`), and int-or-string is
 * `type: string, format: int-or-string`. kubectl's v2 parser treats an `allOf` as an arbitrary
 * value, so without this `kubectl explain --output plaintext-openapiv2` could not descend.
 */
function swaggerSchema(schema: Schema): Schema {
  if (!schema || typeof schema !== 'object') return schema;
  let out: Record<string, any> = { ...schema };
  if (Array.isArray(out.allOf) && out.allOf.length === 1 && out.allOf[0].$ref) {
    const { allOf, ...rest } = out;
    out = { ...rest, $ref: allOf[0].$ref };
  }
  if (out['x-kubernetes-int-or-string']) {
    delete out.anyOf;
    out.type = 'string';
    out.format = 'int-or-string';
  }
  if (out.properties)
    out.properties = Object.fromEntries(
      Object.entries(out.properties as Record<string, Schema>).map(([k, v]) => [
        k,
        swaggerSchema(v),
      ]),
    );
  if (out.items) out.items = swaggerSchema(out.items);
  if (out.additionalProperties && typeof out.additionalProperties === 'object')
    out.additionalProperties = swaggerSchema(out.additionalProperties);
  return out as Schema;
}

/** Serves the documents, rebuilt only when the served kinds change (a CRD comes or goes). */
export class OpenApiDocuments {
  private generation = -1;
  private v3 = new Map<string, { text: string; hash: string }>();
  private v2?: string;
  private v2Protobuf?: { text: string; buffer: Buffer };

  constructor(private readonly registry: ResourceRegistry) {}

  private refresh(): void {
    if (this.generation === this.registry.generation) return;
    this.generation = this.registry.generation;
    this.v3.clear();
    this.v2 = undefined;
  }

  private groupVersionDoc(gv: string) {
    this.refresh();
    let doc = this.v3.get(gv);
    if (!doc) {
      const types = this.registry.all().filter(t => gvPath(t) === gv);
      if (types.length === 0) return undefined;
      const text = JSON.stringify(v3Document(types, gv));
      doc = {
        text,
        hash: createHash('sha512').update(text).digest('hex').slice(0, 128),
      };
      this.v3.set(gv, doc);
    }
    return doc;
  }

  /** `GET /openapi/v3`: one entry per served group/version, its URL carrying the content's hash. */
  root() {
    const paths: Record<string, { serverRelativeURL: string }> = {};
    for (const t of this.registry.all()) {
      const p = gvPath(t);
      if (paths[p]) continue;
      paths[p] = {
        serverRelativeURL: `/openapi/v3/${p}?hash=${
          this.groupVersionDoc(p)!.hash
        }`,
      };
    }
    return { paths };
  }

  /** `GET /openapi/v3/{api/v1 | apis/group/version}` as JSON text, or undefined when not served. */
  groupVersion(gv: string): string | undefined {
    return this.groupVersionDoc(gv)?.text;
  }

  /** `GET /openapi/v2` in gnostic's protobuf form (what kubectl asks for). */
  swaggerProtobuf(): Buffer {
    const text = this.swagger();
    if (this.v2Protobuf?.text !== text)
      this.v2Protobuf = { text, buffer: encodeOpenApiV2(JSON.parse(text)) };
    return this.v2Protobuf.buffer;
  }

  /** `GET /openapi/v2`: every served kind's definition, as Swagger 2.0. */
  swagger(): string {
    this.refresh();
    if (!this.v2) {
      const types = this.registry.all();
      const definitions = schemasFor(types);
      const paths: Record<string, unknown> = {};
      for (const t of types) {
        const gvk = { group: t.group, version: t.version, kind: t.kind };
        const base = t.namespaced
          ? `/${gvPath(t)}/namespaces/{namespace}/${t.plural}`
          : `/${gvPath(t)}/${t.plural}`;
        paths[base] = {
          get: {
            operationId: `list${apiVersionOf(t).replace(/\W/g, '')}${t.kind}`,
            'x-kubernetes-group-version-kind': gvk,
            responses: { '200': { description: 'OK' } },
          },
        };
      }
      this.v2 = JSON.stringify({
        swagger: '2.0',
        info: { title: 'Kubernetes', version: 'v1.34.0' },
        paths,
        definitions: Object.fromEntries(
          Object.entries(definitions).map(([n, d]) => [n, swaggerSchema(d)]),
        ),
      }).replaceAll(REF, '#/definitions/');
    }
    return this.v2;
  }
}
