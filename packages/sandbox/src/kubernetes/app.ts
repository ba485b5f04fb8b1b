import express, {
  type Request,
  type RequestHandler,
  type Response,
} from 'express';
import type { KubeCluster } from './store/cluster';
import {
  AGGREGATED_DISCOVERY,
  aggregatedDiscovery,
  coreVersions,
  group,
  groupList,
  resourceList,
  VERSION_INFO,
  wantsAggregated,
} from './api/discovery';
import { errors } from './api/errors';
import { OpenApiDocuments } from './api/openapi';
import {
  OPENAPI_V2_PROTOBUF,
  OPENAPI_V2_PROTOBUF_RESPONSE,
} from './api/openapiV2Protobuf';
import { ADMIN_USER, READER, type UserInfo } from './auth/rbac';
import { impersonated } from './auth/impersonation';
import { handleResource, parseResourcePath, sendError } from './api/routes';
import { serviceAccountTokensOf } from './auth/serviceAccountTokens';

export interface KubeAppOptions {
  cluster: KubeCluster;
  /** Bearer tokens of the user `sandbox-admin` (group system:masters: everything). */
  tokens: string[];
  /** Bearer tokens of the user `sandbox-reader`, whom the bootstrap policy lets get, list and watch. */
  readOnlyTokens: string[];
  faults: RequestHandler;
}

/** The Kubernetes API over HTTP: discovery, then resource paths, behind bearer-token authentication. */
export function createKubeApp(options: KubeAppOptions) {
  const { cluster } = options;
  const app = express();
  const openapi = new OpenApiDocuments(cluster.registry);
  const knownUser = (token: string): UserInfo | undefined => {
    if (options.tokens.includes(token)) return ADMIN_USER;
    if (options.readOnlyTokens.includes(token)) return READER;
    return serviceAccountTokensOf(cluster).requester(token);
  };
  app.disable('x-powered-by');
  app.disable('etag');
  app.get(['/healthz', '/livez', '/readyz'], (_req, res) => {
    res.type('text/plain').send('ok');
  });
  app.use(options.faults);
  app.use((req, res, next) => {
    const header = req.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    const authenticated = knownUser(token);
    if (!authenticated) {
      sendError(res, errors.unauthorized());
      return;
    }
    try {
      // `kubectl --as` / `auth can-i --as`: act as another user when RBAC lets the caller.
      const caller = impersonated(cluster, authenticated, req.headers);
      res.locals.caller = { ...caller, knownUser };
      next();
    } catch (e) {
      sendError(res, e);
    }
  });
  // Bodies are decoded per content type by the routes (JSON, JSON patch, apply YAML, protobuf).
  app.use(express.raw({ type: () => true, limit: '20mb' }));

  app.use((req, res) => {
    try {
      serve(req, res);
    } catch (e) {
      sendError(res, e);
    }
  });

  /** Discovery documents, then resource paths; every branch answers or throws a KubeApiError. */
  function serve(req: Request, res: Response): void {
    const host = `${req.hostname}:${req.socket.localPort}`;
    const segments = req.path
      .split('/')
      .filter(Boolean)
      .map(decodeURIComponent);
    const json = (body: unknown): void => {
      res.status(200).type('application/json').send(JSON.stringify(body));
    };
    if (
      req.method === 'GET' &&
      (req.path === '/version' || req.path === '/version/')
    )
      return json(VERSION_INFO);
    if (req.method === 'GET' && segments[0] === 'openapi') {
      if (segments[1] === 'v2' && segments.length === 2) {
        if ((req.headers.accept ?? '').includes(OPENAPI_V2_PROTOBUF))
          res
            .status(200)
            .set('Content-Type', OPENAPI_V2_PROTOBUF_RESPONSE)
            .send(openapi.swaggerProtobuf());
        else res.status(200).type('application/json').send(openapi.swagger());
        return undefined;
      }
      if (segments[1] === 'v3' && segments.length === 2)
        return json(openapi.root());
      const text =
        segments[1] === 'v3'
          ? openapi.groupVersion(segments.slice(2).join('/'))
          : undefined;
      if (!text) throw errors.pathNotFound();
      res.status(200).type('application/json').send(text);
      return undefined;
    }
    if (
      req.method === 'GET' &&
      segments.length === 1 &&
      (segments[0] === 'api' || segments[0] === 'apis') &&
      wantsAggregated(req.headers.accept)
    ) {
      res
        .status(200)
        .type(AGGREGATED_DISCOVERY)
        .send(
          JSON.stringify(
            aggregatedDiscovery(cluster.registry, segments[0] === 'api'),
          ),
        );
      return undefined;
    }
    if (segments[0] === 'api') {
      if (segments.length === 1 && req.method === 'GET')
        return json(coreVersions(host));
      if (segments[1] !== 'v1') throw errors.pathNotFound();
      if (segments.length === 2 && req.method === 'GET')
        return json(resourceList(cluster.registry, '', 'v1'));
      return handleResource(
        cluster,
        req,
        res,
        parseResourcePath(cluster, '', 'v1', segments.slice(2)),
        res.locals.caller,
      );
    }
    if (segments[0] === 'apis') {
      if (segments.length === 1 && req.method === 'GET')
        return json(groupList(cluster.registry));
      if (segments.length === 2 && req.method === 'GET') {
        const doc = group(cluster.registry, segments[1]);
        if (!doc) throw errors.pathNotFound();
        return json(doc);
      }
      if (segments.length === 3 && req.method === 'GET') {
        const doc = resourceList(cluster.registry, segments[1], segments[2]);
        if (!doc) throw errors.pathNotFound();
        return json(doc);
      }
      return handleResource(
        cluster,
        req,
        res,
        parseResourcePath(cluster, segments[1], segments[2], segments.slice(3)),
        res.locals.caller,
      );
    }
    throw errors.pathNotFound();
  }
  return app;
}
