import path from 'node:path';
import type { Sandbox } from '../host/sandbox';
import { startTestSandbox } from '../testing';
import { specOperations } from './builtin/derive';

const CLIENT_NODE = path.dirname(
  require.resolve('@kubernetes/client-node/package.json'),
);

/** A value for each path parameter: objects that do not exist still answer a served 404. */
const VALUES: Record<string, string> = {
  namespace: 'default',
  name: 'sample',
  path: 'healthz',
  logpath: 'kubelet.log',
  // The custom objects API: the ArgoCD CRDs the sandbox installs.
  group: 'argoproj.io',
  version: 'v1alpha1',
  plural: 'applications',
};

/**
 * How much of the Kubernetes API (v1.34, every operation of its OpenAPI spec as
 * `@kubernetes/client-node` generates it: alpha and beta groups, the deprecated `/watch/` paths,
 * proxies and connections included) the stand-in answers. An operation is not served when the
 * answer says the path or the method does not exist (404 "the server could not find the requested
 * resource", 405); any other answer, a 404 for a missing object included, is the operation served.
 */
describe('Kubernetes stand-in: operations of the API spec served', () => {
  jest.setTimeout(120_000);
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox(['kubernetes']);
  });
  afterAll(() => sandbox?.stop());

  it('counts the operations served against the spec', async () => {
    const ops = specOperations(CLIENT_NODE);
    const notServed: string[] = [];
    let served = 0;
    // Reads first, then writes, deletes last: a probe never removes what a later one reads.
    const order = ['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE'];
    // (custom objects before the CRD collection's delete removes their kinds).
    const rank = (op: { method: string; path: string }) =>
      order.indexOf(op.method) * 2 + (op.path.includes('{group}') ? 0 : 1);
    const beta = (apiPath: string) => /\/v\d+(alpha|beta)\d+\//.test(apiPath);
    let stableServed = 0;
    for (const op of [...ops].sort((a, b) => rank(a) - rank(b))) {
      const url = op.path.replace(/\{(\w+)\}/g, (_m, p) => VALUES[p] ?? 'x');
      const res = await fetch(`${sandbox.endpoints.kubernetes.api}${url}`, {
        method: op.method,
        headers: {
          authorization: 'Bearer sandbox-kube-token',
          'content-type':
            op.method === 'PATCH'
              ? 'application/merge-patch+json'
              : 'application/json',
        },
        body: ['POST', 'PUT', 'PATCH'].includes(op.method) ? '{}' : undefined,
        signal: AbortSignal.timeout(10_000),
      });
      const text = await res.text();
      const pathMissing =
        (res.status === 404 &&
          text.includes('the server could not find the requested resource')) ||
        res.status === 405;
      if (pathMissing) notServed.push(`${op.method} ${op.path}`);
      else {
        served++;
        if (!beta(op.path)) stableServed++;
      }
    }
    const stable = ops.filter(op => !beta(op.path)).length;
    // Printed for the record (README): how much of the API the stand-in answers.
    // eslint-disable-next-line no-console
    console.log(
      `Kubernetes stand-in: ${served} of ${
        ops.length
      } operations of the v1.34 API (as @kubernetes/client-node generates it) served, ${stableServed} of the ${stable} outside alpha and beta versions; not served: ${
        notServed.length
      }\n${notServed.join('\n')}`,
    );
    // What a default cluster serves: every stable operation but the connections (exec, attach,
    // port-forward, proxy), logs of nodes, OIDC discovery and the subresources listed in the README.
    expect(stableServed).toBeGreaterThanOrEqual(600);
  });
});
