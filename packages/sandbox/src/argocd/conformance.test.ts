import type { Sandbox } from '../host/sandbox';
import { matchOperation } from '../spec/operations';
import { specPath } from '../spec/specsDir';
import { startRecordingProxy } from '../spec/__testUtils__/recordingProxy';
import { countServedOperations } from '../spec/__testUtils__/specCoverage';
import { argocdSpec, startArgoCd } from './testUtils';

jest.setTimeout(120_000);

const SPEC = specPath('argocd-swagger.json');
const PAYMENTS = 'http://127.0.0.1:7101/platform/payments-api.git';

/**
 * The ArgoCD stand-in driven the way the argocd CLI drives ArgoCD's REST gateway (login, project,
 * cluster, repo, app create/get/set/sync/delete, can-i), through a recording proxy: every answer
 * must be an operation of the official swagger, served, with a body valid against it. Runs against
 * both stores.
 */
describe.each([
  ['memory', {}],
  ['kubernetes', { store: 'kubernetes', reconciler: { reconcileDelayMs: 0 } }],
])(
  'ArgoCD stand-in conformance, CLI-like client (%s store)',
  (_label, config) => {
    let sandbox: Sandbox;
    let proxy: Awaited<ReturnType<typeof startRecordingProxy>>;
    let token = '';

    beforeAll(async () => {
      sandbox = await startArgoCd({
        ...config,
        instances: {
          alpha: {
            users: [{ username: 'admin', password: 'sandbox-argocd-password' }],
          },
        },
      });
      proxy = await startRecordingProxy(sandbox.endpoints.argocd.alpha);
    }, 60_000);
    afterAll(async () => {
      await proxy?.close();
      await sandbox?.stop();
    });

    const cli = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${proxy.url}${path}`, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    };

    it('runs a CLI session: login, project, cluster, repo, app lifecycle, can-i', async () => {
      expect((await cli('GET', '/api/v1/settings')).status).toBe(200);
      const session = await cli('POST', '/api/v1/session', {
        username: 'admin',
        password: 'sandbox-argocd-password',
      });
      token = session.body.token;
      expect((await cli('GET', '/api/v1/session/userinfo')).body.loggedIn).toBe(
        true,
      );
      expect((await cli('GET', '/api/version')).status).toBe(200);
      expect(
        (
          await cli('POST', '/api/v1/projects', {
            project: {
              metadata: { name: 'cli' },
              spec: {
                sourceRepos: ['*'],
                destinations: [{ name: 'in-cluster', namespace: 'cli-*' }],
              },
            },
          })
        ).status,
      ).toBe(200);
      expect((await cli('GET', '/api/v1/projects/cli')).status).toBe(200);
      expect((await cli('GET', '/api/v1/clusters')).body.items).toHaveLength(1);
      expect(
        (
          await cli('POST', '/api/v1/repositories', {
            repo: PAYMENTS,
            type: 'git',
          })
        ).status,
      ).toBe(200);
      expect(
        (await cli('GET', '/api/v1/repositories')).body.items,
      ).toHaveLength(1);
      const app = {
        metadata: { name: 'cli-app' },
        spec: {
          project: 'cli',
          source: {
            repoURL: PAYMENTS,
            path: 'deploy/dev',
            targetRevision: 'main',
          },
          destination: { name: 'in-cluster', namespace: 'cli-dev' },
        },
      };
      expect(
        (
          await cli(
            'POST',
            '/api/v1/applications?upsert=false&validate=true',
            app,
          )
        ).status,
      ).toBe(200);
      const refused = await cli('POST', '/api/v1/applications', {
        ...app,
        metadata: { name: 'cli-bad' },
        spec: {
          ...app.spec,
          destination: { name: 'in-cluster', namespace: 'prod' },
        },
      });
      expect(refused.status).toBe(400);
      expect((await cli('GET', '/api/v1/applications/cli-app')).status).toBe(
        200,
      );
      expect(
        (await cli('GET', '/api/v1/applications?projects=cli')).body.items,
      ).toHaveLength(1);
      const spec = (await cli('GET', '/api/v1/applications/cli-app')).body.spec;
      expect(
        (
          await cli('PUT', '/api/v1/applications/cli-app/spec', {
            ...spec,
            revisionHistoryLimit: 5,
          })
        ).status,
      ).toBe(200);
      expect(
        (
          await cli('POST', '/api/v1/applications/cli-app/sync', {
            prune: false,
          })
        ).status,
      ).toBe(200);
      expect(
        (
          await cli(
            'GET',
            `/api/v1/account/can-i/applications/sync/${encodeURIComponent(
              'cli/cli-app',
            )}`,
          )
        ).body.value,
      ).toBe('yes');
      expect(
        (await cli('DELETE', '/api/v1/applications/cli-app?cascade=false'))
          .status,
      ).toBe(200);
      expect((await cli('DELETE', '/api/v1/projects/cli')).status).toBe(200);
    });

    it('answered every call with a served operation of the spec, valid against it', () => {
      expect(proxy.exchanges.length).toBeGreaterThanOrEqual(18);
      const problems = proxy.exchanges.flatMap(e => {
        const op = matchOperation(SPEC, e.method, e.path);
        if (!op) return [`${e.method} ${e.path}: not an operation of the spec`];
        if (e.status >= 500 || /not served/.test(e.body.toString()))
          return [`${e.method} ${e.path}: ${e.status} ${e.body}`];
        return argocdSpec.validateResponse({
          method: e.method.toLowerCase(),
          path: op.template,
          status: e.status,
          body: e.body.length ? JSON.parse(e.body.toString()) : undefined,
        });
      });
      expect(problems).toEqual([]);
    });

    it('counts the operations served against the spec', async () => {
      const { served, total } = await countServedOperations({
        specFile: SPEC,
        baseUrl: sandbox.endpoints.argocd.alpha,
        headers: { authorization: `Bearer ${token}` },
        values: {
          name: 'web-shop',
          'application.metadata.name': 'web-shop',
          revision: 'main',
        },
        isNotServed: (status, body) =>
          status === 404 &&
          body.includes('is not served by the ArgoCD stand-in'),
      });
      // eslint-disable-next-line no-console
      console.log(
        `ArgoCD stand-in (${_label} store): ${served} of ${total} operations of argocd-swagger.json served`,
      );
      expect(served).toBeGreaterThanOrEqual(40);
    });
  },
);
