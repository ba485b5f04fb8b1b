import net from 'node:net';
import type { Sandbox } from '../host/sandbox';
import type { KubeStandInState } from '../kubernetes';
import { argocdSpec, argocdState, call, login, startArgoCd } from './testUtils';

const WEB_SHOP = 'http://127.0.0.1:7101/platform/web-shop.git';

const application = (
  name: string,
  spec: Record<string, unknown> = {},
  destination: Record<string, unknown> = {},
) => ({
  metadata: { name },
  spec: {
    project: 'shop',
    source: { repoURL: WEB_SHOP, path: 'deploy/dev', targetRevision: 'main' },
    ...spec,
    destination: {
      server: 'https://kubernetes.default.svc',
      namespace: 'web-shop',
      ...destination,
    },
  },
});

/** Creating through the API must fail with ArgoCD's 400 and its text, valid against the spec. */
async function expectRefused(base: string, token: string, body: unknown) {
  const res = await call(`${base}/api/v1/applications`, {
    method: 'POST',
    token,
    body,
  });
  expect(res.status).toBe(400);
  expect(res.body.code).toBe(3);
  expect(
    argocdSpec.validateResponse({
      method: 'post',
      path: '/api/v1/applications',
      status: 400,
      body: res.body,
    }),
  ).toEqual([]);
  return res.body.message as string;
}

describe.each([
  ['memory', {}],
  ['kubernetes', { store: 'kubernetes', reconciler: { reconcileDelayMs: 0 } }],
])('ArgoCD stand-in application validation (%s store)', (_label, config) => {
  let sandbox: Sandbox;
  let alpha: string;
  let token: string;

  beforeAll(async () => {
    sandbox = await startArgoCd({
      ...config,
      instances: {
        alpha: {
          users: [{ username: 'admin', password: 'sandbox-argocd-password' }],
        },
      },
    });
    alpha = sandbox.endpoints.argocd.alpha;
    token = await login(alpha);
  }, 60_000);
  afterAll(() => sandbox?.stop());

  it('refuses an application whose project does not exist, as ArgoCD 3 does', async () => {
    expect(
      await expectRefused(
        alpha,
        token,
        application('no-project', { project: 'nope' }),
      ),
    ).toBe(
      'app is not allowed in project "nope", or the project does not exist',
    );
  });

  it('refuses a repository that does not answer, naming the reason', async () => {
    const closedPort = await new Promise<number>(resolve => {
      const server = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as net.AddressInfo;
        server.close(() => resolve(port));
      });
    });
    const message = await expectRefused(
      alpha,
      token,
      application('unreachable', {
        project: 'default',
        source: {
          repoURL: `http://127.0.0.1:${closedPort}/none.git`,
          path: '.',
        },
      }),
    );
    expect(message).toMatch(
      /^application spec for unreachable is invalid: InvalidSpecError: repository not accessible: .*connection refused/,
    );
  });

  it("refuses a destination or a repository outside the project's rules", async () => {
    expect(
      await expectRefused(
        alpha,
        token,
        application('wrong-ns', {}, { namespace: 'kube-system' }),
      ),
    ).toBe(
      "application spec for wrong-ns is invalid: InvalidSpecError: application destination server 'https://kubernetes.default.svc' and namespace 'kube-system' do not match any of the allowed destinations in project 'shop'",
    );
    expect(
      await expectRefused(
        alpha,
        token,
        application('wrong-repo', {
          project: 'payments',
          source: { repoURL: WEB_SHOP, path: 'deploy/dev' },
        }),
      ),
    ).toContain(
      `InvalidSpecError: application repo ${WEB_SHOP} is not permitted in project 'payments'`,
    );
  });

  it('refuses a destination cluster that is not configured, by URL or by name', async () => {
    expect(
      await expectRefused(
        alpha,
        token,
        application(
          'elsewhere',
          { project: 'default' },
          { server: 'https://10.0.0.1:6443' },
        ),
      ),
    ).toBe(
      "application spec for elsewhere is invalid: InvalidSpecError: cluster 'https://10.0.0.1:6443' has not been configured",
    );
    expect(
      await expectRefused(
        alpha,
        token,
        application(
          'by-name',
          { project: 'default' },
          { server: undefined, name: 'staging' },
        ),
      ),
    ).toContain(
      'application references destination cluster staging which does not exist',
    );
  });

  it('creates a valid application, also by cluster name, and validates updates the same way', async () => {
    const created = await call(`${alpha}/api/v1/applications`, {
      method: 'POST',
      token,
      body: application('valid', {}, { server: undefined, name: 'in-cluster' }),
    });
    expect(created.status).toBe(200);
    const update = await call(`${alpha}/api/v1/applications/valid/spec`, {
      method: 'PUT',
      token,
      body: {
        ...created.body.spec,
        destination: { name: 'in-cluster', namespace: 'kube-system' },
      },
    });
    expect(update.status).toBe(400);
    expect(update.body.message).toContain(
      "namespace 'kube-system' do not match",
    );
    const fine = await call(`${alpha}/api/v1/applications/valid/spec`, {
      method: 'PUT',
      token,
      body: { ...created.body.spec, revisionHistoryLimit: 2 },
    });
    expect(fine.status).toBe(200);
    expect(
      argocdSpec.validateResponse({
        method: 'put',
        path: '/api/v1/applications/{name}/spec',
        status: 200,
        body: fine.body,
      }),
    ).toEqual([]);
  });

  it('refuses to sync once the project no longer allows the destination', async () => {
    await call(`${alpha}/api/v1/applications`, {
      method: 'POST',
      token,
      body: application('narrowed', {}, { namespace: 'inventory' }),
    });
    const objects = argocdState(sandbox).instances.get('alpha')!.objects;
    const shop = (await objects.getProject('shop'))!;
    await objects.putProject({
      ...shop,
      spec: {
        ...shop.spec,
        destinations: shop.spec.destinations!.filter(
          d => d.namespace !== 'inventory',
        ),
      },
    });
    const sync = await call(`${alpha}/api/v1/applications/narrowed/sync`, {
      method: 'POST',
      token,
      body: {},
    });
    expect(sync.status).toBe(400);
    expect(sync.body.message).toContain(
      "namespace 'inventory' do not match any of the allowed destinations in project 'shop'",
    );
  });

  /** Polls the Application through the API until `done` holds for it (the controller runs apart). */
  const eventually = async (name: string, done: (app: any) => boolean) => {
    let app: any;
    for (let i = 0; i < 100; i++) {
      app = (await call(`${alpha}/api/v1/applications/${name}`, { token }))
        .body;
      if (done(app)) return app;
      await new Promise(r => setTimeout(r, 100));
    }
    throw new Error(`${name} never got there: ${JSON.stringify(app?.status)}`);
  };
  const specErrorsOf = (app: any) =>
    (app?.status?.conditions ?? [])
      .filter((c: any) => c.type === 'InvalidSpecError')
      .map((c: any) => c.message);

  it("reports what the narrowed project no longer allows as ArgoCD's InvalidSpecError condition", async () => {
    // 'narrowed' lost its destination in the previous test; a refresh makes the controller look.
    await call(`${alpha}/api/v1/applications/narrowed?refresh=normal`, {
      token,
    });
    const app = await eventually('narrowed', a => specErrorsOf(a).length > 0);
    expect(specErrorsOf(app)).toEqual([
      "application destination server 'https://kubernetes.default.svc' and namespace 'inventory' do not match any of the allowed destinations in project 'shop'",
    ]);
    expect(app.status.sync.status).toBe('Unknown');
    expect(app.status.health.status).toBe('Unknown');
    expect(
      argocdSpec.validateResponse({
        method: 'get',
        path: '/api/v1/applications/{name}',
        status: 200,
        body: app,
      }),
    ).toEqual([]);
  }, 30_000);

  if (_label === 'kubernetes') {
    it("checks Applications created through the Kubernetes API as ArgoCD's controller does: conditions, not refusals", async () => {
      const { cluster } = sandbox.standIns.get('kubernetes')!
        .state as KubeStandInState;
      const type = cluster.type('argoproj.io/v1alpha1', 'Application');
      const crd = (name: string, spec: Record<string, unknown>) => ({
        ...application(name, spec),
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Application',
        metadata: { name, namespace: 'argocd' },
      });
      cluster.create(
        type,
        'argocd',
        crd('crd-no-project', { project: 'later' }),
        {},
      );
      const missing = await eventually(
        'crd-no-project',
        a => specErrorsOf(a).length > 0,
      );
      expect(specErrorsOf(missing)).toEqual([
        'Application referencing project later which does not exist',
      ]);
      expect(missing.status.sync.status).toBe('Unknown');

      cluster.create(
        type,
        'argocd',
        crd('crd-elsewhere', { project: 'default' }),
        {},
      );
      cluster.update(
        type,
        'argocd',
        'crd-elsewhere',
        {
          ...crd('crd-elsewhere', { project: 'default' }),
          spec: {
            ...crd('crd-elsewhere', { project: 'default' }).spec,
            destination: { server: 'https://10.0.0.1:6443', namespace: 'x' },
          },
        },
        {},
      );
      const elsewhere = await eventually(
        'crd-elsewhere',
        a => specErrorsOf(a).length > 0,
      );
      expect(specErrorsOf(elsewhere)).toEqual([
        "cluster 'https://10.0.0.1:6443' has not been configured",
      ]);

      // Creating the project makes the controller look again (its project informer), and the
      // condition goes.
      const objects = argocdState(sandbox).instances.get('alpha')!.objects;
      const shop = (await objects.getProject('shop'))!;
      await objects.putProject({
        ...shop,
        metadata: { name: 'later' },
      } as typeof shop);
      // Forgejo is not running here, so the comparison that follows fails with a ComparisonError.
      const fixed = await eventually(
        'crd-no-project',
        a =>
          specErrorsOf(a).length === 0 &&
          !!a.status?.conditions?.some(
            (c: any) => c.type === 'ComparisonError',
          ),
      );
      expect(fixed.status.conditions).toEqual([
        expect.objectContaining({ type: 'ComparisonError' }),
      ]);
    }, 30_000);

    it('keeps projects as AppProject objects in the Kubernetes stand-in', async () => {
      const { cluster } = sandbox.standIns.get('kubernetes')!
        .state as KubeStandInState;
      const projects = cluster
        .list(cluster.type('argoproj.io/v1alpha1', 'AppProject'), 'argocd')
        .items.map(p => p.metadata.name);
      expect(projects).toEqual(
        expect.arrayContaining(['default', 'payments', 'shop']),
      );
    });
  }
});
