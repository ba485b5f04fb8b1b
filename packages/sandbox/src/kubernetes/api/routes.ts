import type { Request, Response } from 'express';
import YAML from 'yaml';
import type { KubeCluster, WriteOptions } from '../store/cluster';
import { PATCH_TYPES } from '../store/cluster';
import { errors, KubeApiError, statusBody } from './errors';
import type { ResourceType } from '../store/resources';
import { review } from '../auth/reviews';
import { requireAllowed, type UserInfo } from '../auth/rbac';
import { scaleOf, writeScale } from './scale';
import { checkBody, type FieldValidation } from '../validation/checkBody';
import { toTable, wantsTable } from './table';
import { streamWatch } from './watchStream';
import { decodeKubernetesProtobuf } from './protobuf/decode';
import { sendPodLog } from './podLogs';
import { bindPod } from './binding';
import { inRequestedVersion } from './conversion';
import { serviceAccountTokensOf } from '../auth/serviceAccountTokens';

const PROTOBUF = 'application/vnd.kubernetes.protobuf';

/** Where a request points: a collection or one object (and maybe its subresource). */
export interface ResourcePath {
  type: ResourceType;
  namespace?: string;
  name?: string;
  subresource?: string;
}

/**
 * Reads `/api/v1/...` and `/apis/{group}/{version}/...` resource paths:
 *   {plural}[/{name}[/{sub}]]   and   namespaces/{ns}/{plural}[/{name}[/{sub}]]
 * `namespaces/{name}` itself is the Namespace object.
 */
export function parseResourcePath(
  cluster: KubeCluster,
  group: string,
  version: string,
  segments: string[],
): ResourcePath {
  const lookup = (plural: string) => {
    const t = cluster.registry.byPlural(group, version, plural);
    if (!t) throw errors.pathNotFound();
    return t;
  };
  if (
    segments[0] === 'namespaces' &&
    segments.length >= 3 &&
    !(
      group === '' &&
      segments.length === 3 &&
      ['status', 'finalize'].includes(segments[2])
    )
  ) {
    const [, namespace, plural, name, subresource, ...rest] = segments;
    const type = lookup(plural);
    if (!type.namespaced || rest.length) throw errors.pathNotFound();
    return { type, namespace, name, subresource };
  }
  const [plural, name, subresource, ...rest] = segments;
  if (rest.length || plural === undefined) throw errors.pathNotFound();
  return { type: lookup(plural), name, subresource };
}

function send(
  res: Response,
  status: number,
  body: unknown,
  warnings: string[] = [],
): void {
  // Like the API server: one RFC 7234 warning per problem; kubectl prints each as "Warning: ...".
  if (warnings.length)
    res.setHeader(
      'Warning',
      warnings.map(w => `299 - ${JSON.stringify(w)}`),
    );
  res.status(status).type('application/json').send(JSON.stringify(body));
}

export function sendError(res: Response, e: unknown): void {
  if (e instanceof KubeApiError) send(res, e.code, e.toStatus());
  else
    send(
      res,
      500,
      statusBody(
        'Failure',
        `sandbox: ${(e as Error)?.message ?? e}`,
        'InternalError',
        500,
      ),
    );
}

/** Parses the raw body by its content type; YAML only for server-side apply, like the real server. */
function parseBody(req: Request): unknown {
  const contentType = (req.headers['content-type'] ?? 'application/json')
    .split(';')[0]
    .trim();
  let raw = '';
  if (typeof req.body === 'string') raw = req.body;
  else if (Buffer.isBuffer(req.body)) {
    if (contentType === PROTOBUF) return decodeKubernetesProtobuf(req.body);
    raw = req.body.toString('utf8');
  }
  try {
    if (contentType === PATCH_TYPES.apply) return YAML.parse(raw);
    if (contentType.endsWith('json') || contentType.endsWith('+json'))
      return raw === '' ? undefined : JSON.parse(raw);
  } catch (e) {
    throw errors.badRequest(
      `the body of the request could not be decoded as ${contentType}: ${
        (e as Error).message.split('\n')[0]
      }`,
    );
  }
  throw errors.unsupportedMediaType(contentType);
}

const flag = (v: unknown) => v === 'true' || v === '1' || v === '';

function writeOptions(req: Request, subresource?: string): WriteOptions {
  const q = req.query as Record<string, string | undefined>;
  if (q.dryRun !== undefined && q.dryRun !== 'All') {
    throw errors.badRequest(
      `dryRun: Unsupported value: "${q.dryRun}": supported values: "All"`,
    );
  }
  const fieldValidation = q.fieldValidation;
  if (
    fieldValidation !== undefined &&
    !['Strict', 'Warn', 'Ignore'].includes(fieldValidation)
  ) {
    throw errors.badRequest(
      `fieldValidation: Unsupported value: "${fieldValidation}": supported values: "Ignore", "Strict", "Warn"`,
    );
  }
  return {
    dryRun: q.dryRun === 'All',
    fieldManager: q.fieldManager ?? defaultManager(req),
    force: q.force !== undefined ? flag(q.force) : undefined,
    subresource,
    fieldValidation: fieldValidation as FieldValidation | undefined,
    warnings: [],
  };
}

/** Like the API server: a missing fieldManager defaults to the client's user agent program name (not for apply). */
function defaultManager(req: Request): string | undefined {
  if ((req.headers['content-type'] ?? '').startsWith(PATCH_TYPES.apply))
    return undefined;
  const ua = req.headers['user-agent'];
  return ua ? ua.split('/')[0] : undefined;
}

/** The authorizer's verb of a request: `get` or `list` or `watch`, `deletecollection`... */
function verbOf(method: string, name: string | undefined, watch: boolean) {
  if (method === 'GET') {
    if (name) return 'get';
    return watch ? 'watch' : 'list';
  }
  if (method === 'DELETE') return name ? 'delete' : 'deletecollection';
  const verb = ({ POST: 'create', PUT: 'update', PATCH: 'patch' } as const)[
    method as 'POST' | 'PUT' | 'PATCH'
  ];
  if (!verb) throw errors.methodNotAllowed(method);
  return verb;
}

/** Serves one resource request (after discovery paths and authentication). */
export function handleResource(
  cluster: KubeCluster,
  req: Request,
  res: Response,
  target: ResourcePath,
  caller: UserInfo & { knownUser: (token: string) => UserInfo | undefined },
): void {
  const { type, namespace, name, subresource } = target;
  const q = req.query as Record<string, string | undefined>;
  const method = req.method.toUpperCase();
  const verb = verbOf(method, name, flag(q.watch));
  // Every request is authorized first, as by the API server's RBAC authorizer.
  requireAllowed(cluster, caller, {
    verb,
    apiGroup: type.group,
    resource: type.plural,
    subresource,
    name,
    namespace,
  });
  if (subresource === 'log' && type.kind === 'Pod' && type.group === '') {
    if (req.method !== 'GET') throw errors.methodNotAllowed(req.method);
    sendPodLog(cluster, res, namespace!, name!, req.query as any);
    return;
  }
  if (
    subresource === 'token' &&
    type.kind === 'ServiceAccount' &&
    type.group === ''
  ) {
    if (req.method !== 'POST') throw errors.methodNotAllowed(req.method);
    send(
      res,
      201,
      serviceAccountTokensOf(cluster).request(
        cluster,
        namespace!,
        name!,
        parseBody(req) as Record<string, any> | undefined,
      ),
    );
    return;
  }
  const binding =
    type.group === '' &&
    ((type.kind === 'Binding' && !name) ||
      (type.kind === 'Pod' && subresource === 'binding' && name));
  if (binding) {
    if (req.method !== 'POST') throw errors.methodNotAllowed(req.method);
    send(
      res,
      201,
      bindPod(cluster, namespace!, parseBody(req), writeOptions(req), name),
    );
    return;
  }
  if (
    subresource !== undefined &&
    !(subresource === 'status' && type.statusSubresource) &&
    !(subresource === 'scale' && type.scaleSubresource)
  )
    throw errors.pathNotFound();
  if (type.verbs && !subresource && !type.verbs.includes(verb))
    throw errors.methodNotAllowed(method);
  // The access reviews (system:basic-user lets every authenticated user ask what it may do).
  if (type.verbs?.length === 1 && type.verbs[0] === 'create') {
    if (name) throw errors.methodNotAllowed(method);
    const body = checkBody(type, parseBody(req));
    send(res, 201, review(cluster, type, body, caller, caller.knownUser));
    return;
  }

  if (subresource === 'scale' && name) {
    if (method === 'GET') {
      send(res, 200, scaleOf(cluster.get(type, namespace, name)));
      return;
    }
    if (method !== 'PUT' && method !== 'PATCH')
      throw errors.methodNotAllowed(method);
    const contentType = (req.headers['content-type'] ?? '')
      .split(';')[0]
      .trim();
    send(
      res,
      200,
      writeScale(
        cluster,
        type,
        namespace,
        name,
        method,
        contentType,
        parseBody(req),
        writeOptions(req),
      ),
    );
    return;
  }

  if (method === 'GET' && name) {
    const obj = inRequestedVersion(type, cluster.get(type, namespace, name));
    if (wantsTable(req.headers.accept)) {
      send(
        res,
        200,
        toTable(type, [obj], String(obj.metadata?.resourceVersion ?? '')),
      );
      return;
    }
    send(res, 200, obj);
    return;
  }
  if (method === 'GET') {
    const listOptions = {
      labelSelector: q.labelSelector,
      fieldSelector: q.fieldSelector,
      limit: q.limit ? Number(q.limit) : undefined,
      continue: q.continue,
    };
    if (flag(q.watch)) {
      streamWatch(cluster, req, res, type, namespace, {
        ...listOptions,
        resourceVersion: q.resourceVersion,
      });
      return;
    }
    const list = cluster.list(type, namespace, listOptions);
    if (wantsTable(req.headers.accept)) {
      send(res, 200, toTable(type, list.items, list.resourceVersion));
      return;
    }
    send(res, 200, {
      kind: type.listKind,
      apiVersion: type.group ? `${type.group}/${type.version}` : type.version,
      metadata: {
        resourceVersion: list.resourceVersion,
        ...(list.continue ? { continue: list.continue } : {}),
      },
      items: list.items.map(o => inRequestedVersion(type, o)),
    });
    return;
  }
  if (method === 'POST') {
    if (name) throw errors.methodNotAllowed('POST');
    const options = writeOptions(req);
    send(
      res,
      201,
      inRequestedVersion(
        type,
        cluster.create(type, namespace, parseBody(req), options),
      ),
      options.warnings,
    );
    return;
  }
  if (!name && method === 'DELETE') {
    // deletecollection: every object the selectors match, returned as a list.
    const options = writeOptions(req);
    const matched = cluster.list(type, namespace, {
      labelSelector: q.labelSelector,
      fieldSelector: q.fieldSelector,
    });
    const items = matched.items.map(o =>
      cluster.delete(type, o.metadata.namespace, o.metadata.name, options),
    );
    send(res, 200, {
      kind: type.listKind,
      apiVersion: type.group ? `${type.group}/${type.version}` : type.version,
      metadata: {
        resourceVersion: String(cluster.store.currentResourceVersion()),
      },
      items,
    });
    return;
  }
  if (!name) throw errors.methodNotAllowed(method);
  if (method === 'PUT') {
    const options = writeOptions(req, subresource);
    send(
      res,
      200,
      inRequestedVersion(
        type,
        cluster.update(type, namespace, name, parseBody(req), options),
      ),
      options.warnings,
    );
    return;
  }
  if (method === 'PATCH') {
    const contentType = (req.headers['content-type'] ?? '')
      .split(';')[0]
      .trim();
    const existed = !!cluster.find(type, namespace, name);
    const options = writeOptions(req, subresource);
    const result = cluster.patch(
      type,
      namespace,
      name,
      contentType,
      parseBody(req),
      options,
    );
    send(
      res,
      existed ? 200 : 201,
      inRequestedVersion(type, result),
      options.warnings,
    );
    return;
  }
  const deleted = cluster.delete(type, namespace, name, writeOptions(req));
  if (deleted.metadata.deletionTimestamp || type.schema)
    send(res, 200, deleted);
  else {
    send(res, 200, {
      ...statusBody('Success', undefined, undefined, 200),
      details: {
        name,
        group: type.group,
        kind: type.plural,
        uid: deleted.metadata.uid,
      },
    });
  }
}
