import type { Sandbox } from '../host/sandbox';
import { argocdSpec, BETA_TOKEN, call, login, startArgoCd } from './testUtils';

/** Every response body must match the swagger's schema for that operation and status. */
function expectValid(
  method: string,
  path: string,
  res: { status: number; body: unknown },
) {
  expect(
    argocdSpec.validateResponse({
      method,
      path,
      status: res.status,
      body: res.body,
    }),
  ).toEqual([]);
}

describe('ArgoCD stand-in API', () => {
  let sandbox: Sandbox;
  let alpha: string;
  let beta: string;
  let gamma: string;
  let token: string;

  beforeAll(async () => {
    sandbox = await startArgoCd();
    ({ alpha, beta, gamma } = sandbox.endpoints.argocd);
    token = await login(alpha);
  });
  afterAll(() => sandbox.stop());

  it('tells anonymous callers only the version, signed-in callers the build too', async () => {
    const anonymous = await call(`${alpha}/api/version`);
    expect(anonymous.status).toBe(200);
    expect(Object.keys(anonymous.body)).toEqual(['Version']);
    expectValid('get', '/api/version', anonymous);
    const signedIn = await call(`${alpha}/api/version`, { token });
    expect(signedIn.body).toMatchObject({
      Version: expect.stringMatching(/^v\d/),
      GoVersion: expect.any(String),
    });
    expectValid('get', '/api/version', signedIn);
  });

  it('logs in with username and password and refuses a wrong password with a 401 body', async () => {
    const ok = await call(`${alpha}/api/v1/session`, {
      method: 'POST',
      body: { username: 'admin', password: 'sandbox-argocd-password' },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.token.split('.')).toHaveLength(3);
    expect(ok.headers.get('set-cookie')).toContain('argocd.token=');
    expectValid('post', '/api/v1/session', ok);
    const wrong = await call(`${alpha}/api/v1/session`, {
      method: 'POST',
      body: { username: 'admin', password: 'nope' },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({
      error: 'Invalid username or password',
      code: 16,
      message: 'Invalid username or password',
    });
    expectValid('post', '/api/v1/session', wrong);
    // beta has no local accounts, only an API token.
    expect(
      (
        await call(`${beta}/api/v1/session`, {
          method: 'POST',
          body: { username: 'admin', password: 'sandbox-argocd-password' },
        })
      ).status,
    ).toBe(401);
  });

  it("lists an instance's applications, sorted by name, valid against the spec", async () => {
    const res = await call(`${alpha}/api/v1/applications`, { token });
    expect(res.status).toBe(200);
    expectValid('get', '/api/v1/applications', res);
    expect(res.body.items.map((a: any) => a.metadata.name)).toEqual([
      'checkout-worker',
      'inventory',
      'payments-api-dev',
      'web-shop',
    ]);
    expect(res.body.items[0].apiVersion).toBeUndefined();
    expect(res.body.metadata.resourceVersion).toMatch(/^\d+$/);
  });

  it('filters by name, projects (repeated and legacy project), appNamespace and repo', async () => {
    const names = async (base: string, query: string, auth = token) =>
      (
        await call(`${base}/api/v1/applications?${query}`, { token: auth })
      ).body.items.map(
        (a: any) => `${a.metadata.namespace}/${a.metadata.name}`,
      );
    expect(await names(alpha, 'name=inventory')).toEqual(['argocd/inventory']);
    expect(await names(alpha, 'name=nothing-like-this')).toEqual([]);
    expect(await names(alpha, 'projects=payments')).toEqual([
      'argocd/payments-api-dev',
    ]);
    expect(await names(alpha, 'projects=payments&projects=shop')).toHaveLength(
      4,
    );
    expect(await names(alpha, 'project=payments')).toEqual([
      'argocd/payments-api-dev',
    ]);
    expect(
      await names(gamma, 'appNamespace=previews', await login(gamma)),
    ).toEqual(['previews/web-shop-preview']);
    expect(
      await names(
        beta,
        `repo=${encodeURIComponent(
          'http://127.0.0.1:7101/platform/payments-api.git',
        )}`,
        BETA_TOKEN,
      ),
    ).toEqual(['argocd/payments-api-prod']);
  });

  it("filters by label selector, as the demo catalog's annotation does", async () => {
    const selector = encodeURIComponent('app.kubernetes.io/part-of=payments');
    const alphaApps = await call(
      `${alpha}/api/v1/applications?selector=${selector}`,
      { token },
    );
    const betaApps = await call(
      `${beta}/api/v1/applications?selector=${selector}`,
      { token: BETA_TOKEN },
    );
    expect(alphaApps.body.items.map((a: any) => a.metadata.name)).toEqual([
      'payments-api-dev',
    ]);
    expect(betaApps.body.items.map((a: any) => a.metadata.name)).toEqual([
      'payments-api-prod',
    ]);
    const set = await call(
      `${beta}/api/v1/applications?selector=${encodeURIComponent(
        'environment in (prod,staging),!missing,team!=payments',
      )}`,
      {
        token: BETA_TOKEN,
      },
    );
    expect(set.body.items.map((a: any) => a.metadata.name)).toEqual([
      'inventory',
      'shop-analytics',
    ]);
  });

  it('answers a malformed selector with a 400 that says what is wrong', async () => {
    const res = await call(
      `${alpha}/api/v1/applications?selector=${encodeURIComponent(
        'environment in (dev',
      )}`,
      { token },
    );
    expect(res.status).toBe(400);
    expect(res.body.code).toBe(3);
    expect(res.body.message).toMatch(
      /error parsing the selector: .*expected "," or "\)"/,
    );
    expectValid('get', '/api/v1/applications', res);
  });

  it('projects the list with fields', async () => {
    const res = await call(
      `${alpha}/api/v1/applications?fields=items.metadata.name,items.status.sync.status&name=web-shop`,
      { token },
    );
    expect(res.body).toEqual({
      items: [
        {
          metadata: { name: 'web-shop' },
          status: { sync: { status: 'OutOfSync' } },
        },
      ],
    });
    expectValid('get', '/api/v1/applications', res);
  });

  it('gets one application, in the control-plane namespace unless appNamespace says otherwise', async () => {
    const res = await call(`${beta}/api/v1/applications/payments-api-prod`, {
      token: BETA_TOKEN,
    });
    expect(res.status).toBe(200);
    expectValid('get', '/api/v1/applications/{name}', res);
    expect(res.body.status.history.length).toBeGreaterThanOrEqual(9);
    const gammaToken = await login(gamma);
    expect(
      (
        await call(`${gamma}/api/v1/applications/web-shop-preview`, {
          token: gammaToken,
        })
      ).status,
    ).toBe(404);
    const preview = await call(
      `${gamma}/api/v1/applications/web-shop-preview?appNamespace=previews`,
      { token: gammaToken },
    );
    expect(preview.status).toBe(200);
    expect(preview.body.metadata.namespace).toBe('previews');
  });

  it("answers a missing application with ArgoCD's 404 body", async () => {
    const res = await call(`${alpha}/api/v1/applications/does-not-exist`, {
      token,
    });
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      error: 'applications.argoproj.io "does-not-exist" not found',
      code: 5,
      message: 'applications.argoproj.io "does-not-exist" not found',
    });
    expectValid('get', '/api/v1/applications/{name}', res);
  });

  it("gives revision metadata for every revision in an application's history", async () => {
    const app = (
      await call(`${beta}/api/v1/applications/payments-api-prod`, {
        token: BETA_TOKEN,
      })
    ).body;
    for (const entry of app.status.history) {
      const res = await call(
        `${beta}/api/v1/applications/payments-api-prod/revisions/${entry.revision}/metadata`,
        { token: BETA_TOKEN },
      );
      expect(res.status).toBe(200);
      expectValid(
        'get',
        '/api/v1/applications/{name}/revisions/{revision}/metadata',
        res,
      );
      expect(res.body).toMatchObject({
        author: expect.stringContaining('@'),
        date: expect.any(String),
        message: expect.any(String),
      });
    }
    const newest = app.status.history[app.status.history.length - 1].revision;
    const tagged = await call(
      `${beta}/api/v1/applications/payments-api-prod/revisions/${newest.slice(
        0,
        8,
      )}/metadata`,
      { token: BETA_TOKEN },
    );
    expect(tagged.body.tags).toEqual(['v1.10.0']);
    const unknown = await call(
      `${beta}/api/v1/applications/payments-api-prod/revisions/${'0'.repeat(
        40,
      )}/metadata`,
      { token: BETA_TOKEN },
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toContain('platform/payments-api');
    expectValid(
      'get',
      '/api/v1/applications/{name}/revisions/{revision}/metadata',
      unknown,
    );
  });

  it('serves the session user info', async () => {
    const res = await call(`${alpha}/api/v1/session/userinfo`, { token });
    expect(res.body).toEqual({
      loggedIn: true,
      username: 'admin',
      iss: 'argocd',
    });
    expectValid('get', '/api/v1/session/userinfo', res);
  });
});
