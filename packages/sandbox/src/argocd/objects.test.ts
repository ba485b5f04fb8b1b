import type { Sandbox } from '../host/sandbox';
import { argocdSpec, call, login, startArgoCd } from './testUtils';

const PAYMENTS = 'http://127.0.0.1:7101/platform/payments-api.git';

describe.each([
  ['memory', {}],
  ['kubernetes', { store: 'kubernetes', reconciler: { reconcileDelayMs: 0 } }],
])(
  'ArgoCD stand-in projects, clusters, repositories, settings, account (%s store)',
  (_label, config) => {
    let sandbox: Sandbox;
    let base: string;
    let admin: string;
    let viewer: string;

    /** Calls the API and checks the answer against the swagger's operation `spec`. */
    async function api(
      method: string,
      spec: string,
      path: string,
      options: { token?: string | null; body?: unknown } = {},
    ) {
      const res = await call(`${base}${path}`, {
        method: method.toUpperCase(),
        token: options.token === null ? undefined : options.token ?? admin,
        body: options.body,
      });
      expect(
        argocdSpec.validateResponse({
          method,
          path: spec,
          status: res.status,
          body: res.body,
        }),
      ).toEqual([]);
      return res;
    }

    beforeAll(async () => {
      sandbox = await startArgoCd({
        ...config,
        instances: {
          alpha: {
            users: [
              { username: 'admin', password: 'sandbox-argocd-password' },
              { username: 'viewer', password: 'pw-viewer', role: 'readonly' },
            ],
          },
        },
      });
      base = sandbox.endpoints.argocd.alpha;
      admin = await login(base);
      viewer = await login(base, { username: 'viewer', password: 'pw-viewer' });
    }, 60_000);
    afterAll(() => sandbox?.stop());

    it('answers /api/v1/settings without a session, as the argocd CLI expects before login', async () => {
      const res = await api('get', '/api/v1/settings', '/api/v1/settings', {
        token: null,
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        url: base,
        userLoginsDisabled: false,
        controllerNamespace: 'argocd',
      });
    });

    it('lists the default and the seeded projects, and hides nothing from a read-only account', async () => {
      const res = await api('get', '/api/v1/projects', '/api/v1/projects', {
        token: viewer,
      });
      expect(res.body.items.map((p: any) => p.metadata.name)).toEqual([
        'default',
        'payments',
        'shop',
      ]);
      const one = await api(
        'get',
        '/api/v1/projects/{name}',
        '/api/v1/projects/payments',
      );
      expect(one.body.spec.sourceRepos).toEqual([PAYMENTS]);
      const missing = await api(
        'get',
        '/api/v1/projects/{name}',
        '/api/v1/projects/nope',
      );
      expect(missing.status).toBe(404);
      expect(missing.body.message).toBe(
        'appprojects.argoproj.io "nope" not found',
      );
    });

    it('creates, updates and deletes a project; its rules then govern applications', async () => {
      const project = {
        metadata: { name: 'team-a' },
        spec: {
          sourceRepos: [PAYMENTS],
          destinations: [
            { server: 'https://kubernetes.default.svc', namespace: 'team-a-*' },
          ],
        },
      };
      const refused = await api(
        'post',
        '/api/v1/projects',
        '/api/v1/projects',
        {
          token: viewer,
          body: { project },
        },
      );
      expect(refused.status).toBe(403);
      expect(refused.body.message).toBe(
        'permission denied: projects, create, team-a, sub: viewer',
      );
      const created = await api(
        'post',
        '/api/v1/projects',
        '/api/v1/projects',
        { body: { project } },
      );
      expect(created.status).toBe(200);
      const app = (namespace: string) => ({
        metadata: { name: `team-a-${namespace}` },
        spec: {
          project: 'team-a',
          source: {
            repoURL: PAYMENTS,
            path: 'deploy/dev',
            targetRevision: 'main',
          },
          destination: { server: 'https://kubernetes.default.svc', namespace },
        },
      });
      expect(
        (
          await api('post', '/api/v1/applications', '/api/v1/applications', {
            body: app('team-a-dev'),
          })
        ).status,
      ).toBe(200);
      expect(
        (
          await api('post', '/api/v1/applications', '/api/v1/applications', {
            body: app('other'),
          })
        ).status,
      ).toBe(400);

      const widened = await api(
        'put',
        '/api/v1/projects/{project.metadata.name}',
        '/api/v1/projects/team-a',
        {
          body: {
            project: {
              ...created.body,
              spec: {
                ...created.body.spec,
                destinations: [{ server: '*', namespace: '*' }],
              },
            },
          },
        },
      );
      expect(widened.status).toBe(200);
      expect(
        (
          await api('post', '/api/v1/applications', '/api/v1/applications', {
            body: app('other'),
          })
        ).status,
      ).toBe(200);

      const inUse = await api(
        'delete',
        '/api/v1/projects/{name}',
        '/api/v1/projects/team-a',
      );
      expect(inUse.status).toBe(400);
      expect(inUse.body.message).toBe(
        'project is referenced by 2 applications',
      );
      for (const name of ['team-a-team-a-dev', 'team-a-other'])
        await api(
          'delete',
          '/api/v1/applications/{name}',
          `/api/v1/applications/${name}`,
        );
      expect(
        (
          await api(
            'delete',
            '/api/v1/projects/{name}',
            '/api/v1/projects/team-a',
          )
        ).status,
      ).toBe(200);
      const detailed = await api(
        'get',
        '/api/v1/projects/{name}/detailed',
        '/api/v1/projects/shop/detailed',
      );
      expect(detailed.body.project.metadata.name).toBe('shop');
      expect(
        (
          await api(
            'get',
            '/api/v1/projects/{name}/syncwindows',
            '/api/v1/projects/shop/syncwindows',
          )
        ).body,
      ).toEqual({ windows: [] });
    });

    it('knows the in-cluster cluster, registers others, and lets applications target them by name', async () => {
      const list = await api('get', '/api/v1/clusters', '/api/v1/clusters');
      expect(list.body.items.map((c: any) => [c.name, c.server])).toEqual([
        ['in-cluster', 'https://kubernetes.default.svc'],
      ]);
      const created = await api(
        'post',
        '/api/v1/clusters',
        '/api/v1/clusters',
        {
          body: {
            server: 'https://staging.example:6443',
            name: 'staging',
            config: {
              bearerToken: 'secret-token',
              tlsClientConfig: { insecure: true },
            },
          },
        },
      );
      expect(created.status).toBe(200);
      expect(JSON.stringify(created.body)).not.toContain('secret-token');
      expect(created.body.connectionState.status).toBe('Unknown');
      const byName = await api(
        'get',
        '/api/v1/clusters/{id.value}',
        '/api/v1/clusters/staging?id.type=name',
      );
      expect(byName.body.server).toBe('https://staging.example:6443');
      const byServer = await api(
        'get',
        '/api/v1/clusters/{id.value}',
        `/api/v1/clusters/${encodeURIComponent(
          'https://staging.example:6443',
        )}`,
      );
      expect(byServer.body.name).toBe('staging');
      const app = await api(
        'post',
        '/api/v1/applications',
        '/api/v1/applications',
        {
          body: {
            metadata: { name: 'on-staging' },
            spec: {
              project: 'default',
              source: { repoURL: PAYMENTS, path: 'deploy/dev' },
              destination: { name: 'staging', namespace: 'x' },
            },
          },
        },
      );
      expect(app.status).toBe(200);
      await api(
        'delete',
        '/api/v1/applications/{name}',
        '/api/v1/applications/on-staging',
      );
      expect(
        (
          await api(
            'delete',
            '/api/v1/clusters/{id.value}',
            `/api/v1/clusters/${encodeURIComponent(
              'https://staging.example:6443',
            )}`,
          )
        ).status,
      ).toBe(200);
      expect(
        (
          await api(
            'get',
            '/api/v1/clusters/{id.value}',
            '/api/v1/clusters/staging?id.type=name',
          )
        ).status,
      ).toBe(404);
    });

    it('registers a reachable repository without answering its credentials, and refuses an unreachable one', async () => {
      const created = await api(
        'post',
        '/api/v1/repositories',
        '/api/v1/repositories',
        {
          body: {
            repo: PAYMENTS,
            username: 'edp-bot',
            password: 'hunter2-secret',
          },
        },
      );
      expect(created.status).toBe(200);
      expect(JSON.stringify(created.body)).not.toContain('hunter2-secret');
      const list = await api(
        'get',
        '/api/v1/repositories',
        '/api/v1/repositories',
      );
      expect(list.body.items).toEqual([
        expect.objectContaining({
          repo: PAYMENTS,
          connectionState: expect.objectContaining({ status: 'Successful' }),
        }),
      ]);
      const refs = await api(
        'get',
        '/api/v1/repositories/{repo}/refs',
        `/api/v1/repositories/${encodeURIComponent(PAYMENTS)}/refs`,
      );
      expect(refs.body.branches).toEqual(['main']);
      expect(refs.body.tags).toContain('v1.10.0');
      const unreachable = await api(
        'post',
        '/api/v1/repositories',
        '/api/v1/repositories',
        {
          body: { repo: 'http://127.0.0.1:9/none.git' },
        },
      );
      expect(unreachable.status).toBe(400);
      expect(unreachable.body.message).toContain(
        'error testing repository connectivity',
      );
      expect(
        (
          await api(
            'delete',
            '/api/v1/repositories/{repo}',
            `/api/v1/repositories/${encodeURIComponent(PAYMENTS)}`,
          )
        ).status,
      ).toBe(200);
      expect(
        (await api('get', '/api/v1/repositories', '/api/v1/repositories')).body
          .items,
      ).toEqual([]);
    });

    it('answers can-i per account and role, and lists the accounts', async () => {
      const ask = async (token: string, path: string) =>
        (
          await api(
            'get',
            '/api/v1/account/can-i/{resource}/{action}/{subresource}',
            `/api/v1/account/can-i/${path}`,
            { token },
          )
        ).body.value;
      expect(await ask(admin, 'applications/sync/shop/web-shop')).toBe('yes');
      expect(
        await ask(
          admin,
          `applications/sync/${encodeURIComponent('shop/web-shop')}`,
        ),
      ).toBe('yes');
      expect(await ask(viewer, 'applications/sync/shop/web-shop')).toBe('no');
      expect(await ask(viewer, 'applications/get/shop/web-shop')).toBe('yes');
      const accounts = await api('get', '/api/v1/account', '/api/v1/account');
      expect(accounts.body.items.map((a: any) => a.name)).toEqual([
        'admin',
        'viewer',
      ]);
      expect(
        (
          await api('get', '/api/v1/account/{name}', '/api/v1/account/viewer', {
            token: viewer,
          })
        ).body.capabilities,
      ).toEqual(['login']);
    });
  },
);
