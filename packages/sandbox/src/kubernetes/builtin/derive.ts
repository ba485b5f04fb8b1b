import fs from 'node:fs';
import path from 'node:path';
import { ALL_VERBS } from '../store/resources';

/**
 * Derives the built-in kinds and their schemas of one Kubernetes release from the code
 * `@kubernetes/client-node` generates out of that release's official OpenAPI spec (its
 * `dist/gen/apis` hold every path with its method and response type, its `dist/gen/models` every
 * definition with property types, formats, required-ness and descriptions).
 * `generate.ts` writes the result to `kinds.json` and `schemas.json`; `derive.test.ts` checks that
 * they still match the installed client-node.
 */

/** One served kind, as read from the API paths. */
export interface DerivedKind {
  group: string;
  version: string;
  kind: string;
  plural: string;
  namespaced: boolean;
  verbs: string[];
  /** Subresources the stand-in serves (`status`, `scale`) with the kind they carry. */
  subresources: Record<string, string>;
  /** client-node's model of the kind (`V1Deployment`), where its schema comes from. */
  model: string;
}

const SERVED_SUBRESOURCES = ['status', 'scale'];
const STABLE = /^v\d+$/;

interface Operation {
  name: string;
  path: string;
  method: string;
  returnType?: string;
  hasWatchParam: boolean;
}

function operationsOf(file: string): Operation[] {
  const src = fs.readFileSync(file, 'utf8');
  const returns = new Map<string, string>();
  for (const m of src.matchAll(
    /async (\w+)WithHttpInfo\(response\)[\s\S]*?ObjectSerializer\.deserialize\(ObjectSerializer\.parse\(await response\.body\.text\(\), contentType\), "([^"]+)"/g,
  ))
    returns.set(m[1], m[2]);
  const ops: Operation[] = [];
  const methods = [...src.matchAll(/\n {4}async (\w+)\(([^)]*)\) \{/g)];
  for (let i = 0; i < methods.length; i++) {
    const body = src.slice(methods[i].index, methods[i + 1]?.index);
    const p = body.match(/const localVarPath = '([^']+)'/);
    const h = body.match(
      /makeRequestContext\(localVarPath, HttpMethod\.(\w+)\)/,
    );
    if (!p || !h) continue;
    ops.push({
      name: methods[i][1],
      path: p[1],
      method: h[1],
      returnType: returns.get(methods[i][1]),
      hasWatchParam: /setQueryParam\("watch"/.test(body),
    });
  }
  return ops;
}

/**
 * Every operation of the release's API (method and path template), alpha and beta groups, the
 * deprecated `/watch/` paths, proxies and connections included: the spec's total that the
 * stand-in's coverage is counted against (`specOperations.test.ts`).
 */
export function specOperations(
  clientNodeDir: string,
): Array<{ method: string; path: string }> {
  const apisDir = path.join(clientNodeDir, 'dist/gen/apis');
  const seen = new Map<string, { method: string; path: string }>();
  for (const file of fs
    .readdirSync(apisDir)
    .filter(f => /^[A-Z][A-Za-z0-9]*Api\.js$/.test(f))
    .sort())
    for (const op of operationsOf(path.join(apisDir, file)))
      seen.set(`${op.method} ${op.path}`, { method: op.method, path: op.path });
  return [...seen.values()];
}

/**
 * `V1Deployment` -> `Deployment`, `V2HorizontalPodAutoscaler` -> `HorizontalPodAutoscaler`;
 * client-node prefixes names that exist in two groups (`CoreV1Event`, `EventsV1Event`).
 */
export function kindOfModel(model: string): string {
  return model.replace(/^([A-Z][a-z]+)?V\d+((alpha|beta)\d+)?(?=[A-Z])/, '');
}

/** Reads the stable (GA) kinds of the release from client-node's generated API classes. */
export function deriveKinds(clientNodeDir: string): DerivedKind[] {
  const apisDir = path.join(clientNodeDir, 'dist/gen/apis');
  const byKey = new Map<
    string,
    DerivedKind & { itemType?: string; createType?: string }
  >();
  const files = fs
    .readdirSync(apisDir)
    .filter(f => /^[A-Z][A-Za-z]*V\d+Api\.js$/.test(f))
    .sort();
  for (const file of files) {
    for (const op of operationsOf(path.join(apisDir, file))) {
      const m = op.path.match(/^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))\/(.*)$/);
      if (!m) continue;
      const group = m[2] ?? '';
      const version = m[1] ?? m[3];
      if (!STABLE.test(version)) continue;
      let rest = m[4].split('/').filter(Boolean);
      if (rest[0] === 'watch' || rest.length === 0) continue;
      let namespaced = false;
      if (rest[0] === 'namespaces' && rest[1] === '{namespace}' && rest[2]) {
        namespaced = true;
        rest = rest.slice(2);
      }
      const [plural, name, sub, ...extra] = rest;
      if (extra.length || (name && name !== '{name}')) continue;
      const key = `${group}/${version}/${plural}`;
      const entry = byKey.get(key) ?? {
        group,
        version,
        kind: '',
        plural,
        namespaced: false,
        verbs: [],
        subresources: {},
        model: '',
      };
      byKey.set(key, entry);
      if (namespaced) entry.namespaced = true;
      if (sub) {
        if (
          SERVED_SUBRESOURCES.includes(sub) &&
          op.method === 'GET' &&
          op.returnType
        )
          entry.subresources[sub] = kindOfModel(op.returnType);
        continue;
      }
      const verb = name
        ? { GET: 'get', PUT: 'update', PATCH: 'patch', DELETE: 'delete' }[
            op.method
          ]
        : { GET: 'list', POST: 'create', DELETE: 'deletecollection' }[
            op.method
          ];
      if (!verb) continue;
      const verbs = new Set(entry.verbs);
      verbs.add(verb);
      if (verb === 'list' && op.hasWatchParam) verbs.add('watch');
      entry.verbs = [...verbs];
      if (verb === 'get' && op.returnType) entry.itemType = op.returnType;
      if (verb === 'create' && op.returnType) entry.createType = op.returnType;
    }
  }
  return [...byKey.values()]
    .filter(e => e.itemType || e.createType)
    .map(({ itemType, createType, ...e }) => ({
      ...e,
      kind: kindOfModel((itemType ?? createType)!),
      model: (itemType ?? createType)!,
      verbs: ALL_VERBS.filter(v => e.verbs.includes(v)),
    }))
    .sort((a, b) =>
      `${a.group}/${a.version}/${a.plural}`.localeCompare(
        `${b.group}/${b.version}/${b.plural}`,
      ),
    );
}

/** An OpenAPI v3 schema object, as `/openapi/v3` serves it. */
export type Schema = Record<string, any>;

const META_MODELS = new Set(
  [
    'ObjectMeta',
    'ListMeta',
    'LabelSelector',
    'LabelSelectorRequirement',
    'OwnerReference',
    'ManagedFieldsEntry',
    'Condition',
    'Status',
    'StatusDetails',
    'StatusCause',
    'DeleteOptions',
    'Preconditions',
    'APIResource',
    'APIResourceList',
    'APIGroup',
    'APIGroupList',
    'APIVersions',
    'GroupVersionForDiscovery',
    'ServerAddressByClientCIDR',
    'WatchEvent',
    'FieldSelectorRequirement',
  ].map(k => `V1${k}`),
);

export const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';
export const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';

/** client-node types quantities as plain strings; these maps and fields hold `resource.Quantity`. */
const QUANTITY_MAPS = new Set([
  'requests',
  'limits',
  'allocatedResources',
  'consumedCapacity',
  'default',
  'defaultRequest',
  'max',
  'min',
  'maxLimitRequestRatio',
  'allocatable',
  'capacity',
  'podFixed',
  'overhead',
  'hard',
  'used',
]);
const QUANTITY_FIELDS = new Set([
  'V1EmptyDirVolumeSource.sizeLimit',
  'V2MetricTarget.averageValue',
  'V2MetricTarget.value',
  'V1CSIStorageCapacity.capacity',
  'V1CSIStorageCapacity.maximumVolumeSize',
]);

/** The Go package path of a group, as the official definition names spell it. */
function packageOf(group: string): string {
  if (group === '' || group === 'core') return 'io.k8s.api.core';
  if (group === 'apiextensions.k8s.io' || group === 'apiextensions')
    return 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions';
  if (group === 'apiregistration.k8s.io' || group === 'apiregistration')
    return 'io.k8s.kube-aggregator.pkg.apis.apiregistration';
  return `io.k8s.api.${group.split('.')[0]}`;
}

interface Attribute {
  baseName: string;
  type: string;
  format: string;
}

function readModel(modelsDir: string, model: string) {
  const js = fs.readFileSync(path.join(modelsDir, `${model}.js`), 'utf8');
  const dts = fs.readFileSync(path.join(modelsDir, `${model}.d.ts`), 'utf8');
  const map = js.match(/\.attributeTypeMap = (\[[\s\S]*?\n\]);/);
  const attributes: Attribute[] = map ? JSON.parse(map[1]) : [];
  const unescape = (text: string) =>
    text
      .split('\n')
      .map(l => l.replace(/^\s*\*\s?/, ''))
      .join(' ')
      .replace(/\\(['"\\])/g, '$1')
      .trim();
  const classDoc = dts.match(
    /\/\*\*\n((?:[ \t]*\*(?!\/)[^\n]*\n)+)[ \t]*\*\/\nexport declare class/,
  );
  const descriptions = new Map<string, string>();
  for (const m of dts.matchAll(
    /\/\*\*\n((?:[ \t]*\*(?!\/)[^\n]*\n)+)[ \t]*\*\/\n\s*'([^']+)'\??:/g,
  ))
    descriptions.set(m[2], unescape(m[1]));
  const required = new Set(
    [...dts.matchAll(/^\s*'([^']+)':/gm)].map(m => m[1]),
  );
  const names = [...dts.matchAll(/^\s*'([^']+)'\??:/gm)].map(m => m[1]);
  return {
    description: classDoc ? unescape(classDoc[1]) : undefined,
    // The .d.ts names properties as TypeScript does (`_default`); the map pairs them with JSON names.
    attributes: attributes.map((a, i) => ({
      ...a,
      name: names[i],
      description: descriptions.get(names[i]),
      required: required.has(names[i]),
    })),
  };
}

/**
 * The OpenAPI v3 schemas of every kind in `kinds` and of everything they reference, under the
 * official definition names (`io.k8s.api.apps.v1.Deployment`), with `$ref`s to
 * `#/components/schemas/...`.
 */
export function deriveSchemas(
  clientNodeDir: string,
  kinds: DerivedKind[],
): Record<string, Schema> {
  const modelsDir = path.join(clientNodeDir, 'dist/gen/models');
  const exists = (m: string) => fs.existsSync(path.join(modelsDir, `${m}.js`));
  const nameOf = new Map<string, string>();
  const assign = (model: string, group: string) => {
    if (nameOf.has(model)) return;
    const m = model.match(
      /^([A-Z][a-z]+)?(V\d+(?:(?:alpha|beta)\d+)?)([A-Z]\w*)$/,
    );
    if (!m) throw new Error(`unexpected model name ${model}`);
    const pkg = META_MODELS.has(model)
      ? 'io.k8s.apimachinery.pkg.apis.meta'
      : packageOf(m[1] ? m[1].toLowerCase() : group);
    nameOf.set(model, `${pkg}.${m[2].toLowerCase()}.${m[3]}`);
  };
  const queue: Array<[string, string]> = [];
  const gvk = new Map<string, Record<string, string>>();
  for (const k of kinds) {
    queue.push([k.model, k.group]);
    gvk.set(k.model, { group: k.group, version: k.version, kind: k.kind });
    // client-node prefixes a kind's model (`ResourceV1ResourceClaim`) but not always its list's.
    const list = [
      `${k.model}List`,
      `${k.model.replace(/^[A-Z][a-z]+(?=V\d)/, '')}List`,
    ].find(exists);
    if (list) {
      queue.push([list, k.group]);
      gvk.set(list, {
        group: k.group,
        version: k.version,
        kind: `${k.kind}List`,
      });
    }
  }
  queue.push(
    ['V1Scale', 'autoscaling'],
    ['V1Status', ''],
    ['V1DeleteOptions', ''],
  );
  gvk.set('V1Scale', { group: 'autoscaling', version: 'v1', kind: 'Scale' });
  gvk.set('V1Status', { group: '', version: 'v1', kind: 'Status' });

  const schemas: Record<string, Schema> = {
    [INT_OR_STRING]: {
      description:
        'IntOrString is a type that can hold an int32 or a string. When used in JSON or YAML marshalling and unmarshalling, it produces or consumes the inner type.',
      type: 'string',
      format: 'int-or-string',
    },
    [QUANTITY]: {
      description:
        'Quantity is a fixed-point representation of a number, written as a string ("500m", "2Gi") or a number.',
      type: 'string',
    },
  };
  const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
  const convert = (
    type: string,
    format: string,
    quantity: boolean,
    group: string,
  ): Schema => {
    const array = type.match(/^Array<(.+)>$/);
    if (array)
      return {
        type: 'array',
        items: convert(array[1], format, quantity, group),
      };
    const map = type.match(/^\{ \[key: string\]: (.+); \}$/);
    if (map)
      return {
        type: 'object',
        additionalProperties: convert(map[1], format, quantity, group),
      };
    if (type === 'string' && quantity) return ref(QUANTITY);
    if (type === 'string')
      return format === 'byte'
        ? { type: 'string', format }
        : { type: 'string' };
    if (type === 'IntOrString') return ref(INT_OR_STRING);
    if (type === 'number')
      return format.startsWith('int')
        ? { type: 'integer', format }
        : { type: 'number', format: 'double' };
    if (type === 'boolean') return { type: 'boolean' };
    if (type === 'Date' || type === 'V1MicroTime')
      return { type: 'string', format: 'date-time' };
    if (type === 'any' || type === 'object')
      return { 'x-kubernetes-preserve-unknown-fields': true };
    assign(type, group);
    queue.push([type, group]);
    return ref(nameOf.get(type)!);
  };
  const done = new Set<string>();
  while (queue.length) {
    const [model, group] = queue.shift()!;
    assign(model, group);
    const name = nameOf.get(model)!;
    if (done.has(name)) continue;
    done.add(name);
    const { description, attributes } = readModel(modelsDir, model);
    const properties: Record<string, Schema> = {};
    const required: string[] = [];
    for (const a of attributes) {
      const quantity =
        QUANTITY_FIELDS.has(`${model}.${a.baseName}`) ||
        (QUANTITY_MAPS.has(a.baseName) &&
          a.type === '{ [key: string]: string; }');
      let schema = convert(a.type, a.format, quantity, group);
      // Like the official v3 spec: a described reference is `allOf: [$ref]` beside the description.
      if (schema.$ref) schema = { allOf: [schema] };
      properties[a.baseName] = {
        ...(a.description ? { description: a.description } : {}),
        ...schema,
      };
      if (a.required) required.push(a.baseName);
    }
    const kind = gvk.get(model);
    schemas[name] = {
      ...(description ? { description } : {}),
      type: 'object',
      properties,
      ...(required.length ? { required } : {}),
      ...(kind ? { 'x-kubernetes-group-version-kind': [kind] } : {}),
    };
  }
  return Object.fromEntries(
    Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b)),
  );
}
