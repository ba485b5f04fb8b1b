import type { Sandbox } from '../host/sandbox';
import { argocdSpec, call, login, startArgoCd } from './testUtils';

describe('ArgoCD stand-in authentication and permissions', () => {
  let sandbox: Sandbox;
  let alpha: string;
  let beta: string;

  beforeAll(async () => {
    sandbox = await startArgoCd({
      sessionTtlSeconds: 1.5,
      instances: {
        alpha: {
          users: [
            { username: 'admin', password: 'pw-admin' },
            { username: 'viewer', password: 'pw-viewer', role: 'readonly' },
            {
              username: 'payments-only',
              password: 'pw-payments',
              projects: ['payments'],
            },
          ],
        },
        beta: { tokens: ['static-beta-token'] },
      },
    });
    ({ alpha, beta } = sandbox.endpoints.argocd);
  });
  afterAll(() => sandbox.stop());

  const admin = () => login(alpha, { username: 'admin', password: 'pw-admin' });

  it("answers requests without credentials with ArgoCD's 401 body", async () => {
    const res = await call(`${alpha}/api/v1/applications`);
    expect(res.status).toBe(401);
    expect(res.body).toEqual({
      error: 'no session information',
      code: 16,
      message: 'no session information',
    });
    expect(
      argocdSpec.validateResponse({
        method: 'get',
        path: '/api/v1/applications',
        status: 401,
        body: res.body,
      }),
    ).toEqual([]);
  });

  it('refuses a session token once its TTL has passed', async () => {
    const token = await admin();
    expect((await call(`${alpha}/api/v1/applications`, { token })).status).toBe(
      200,
    );
    await new Promise(r => setTimeout(r, 1600));
    const expired = await call(`${alpha}/api/v1/applications`, { token });
    expect(expired.status).toBe(401);
    expect(expired.body.message).toMatch(/token is expired/);
    // A new login works again: this is what a client renewing on 401 relies on.
    expect(
      (await call(`${alpha}/api/v1/applications`, { token: await admin() }))
        .status,
    ).toBe(200);
  });

  it('refuses a token signed by another instance or tampered with', async () => {
    const token = await admin();
    const [header, payload, signature] = token.split('.');
    const tampered = `${header}.${Buffer.from(
      JSON.stringify({ sub: 'admin', 'sandbox/expMs': Date.now() + 1e9 }),
    ).toString('base64url')}.${signature}`;
    expect(
      (await call(`${alpha}/api/v1/applications`, { token: tampered })).body
        .message,
    ).toMatch(/signature is invalid/);
    expect(
      (
        await call(`${beta}/api/v1/applications`, {
          token: `${header}.${payload}.${signature}`,
        })
      ).status,
    ).toBe(401);
  });

  it('accepts the static API token of beta, and the session cookie ArgoCD sets', async () => {
    expect(
      (
        await call(`${beta}/api/v1/applications`, {
          token: 'static-beta-token',
        })
      ).status,
    ).toBe(200);
    expect(
      (await call(`${beta}/api/v1/applications`, { token: 'wrong-token' }))
        .status,
    ).toBe(401);
    const token = await admin();
    expect(
      (
        await call(`${alpha}/api/v1/applications`, {
          headers: { cookie: `argocd.token=${token}` },
        })
      ).status,
    ).toBe(200);
  });

  it("lets a read-only account read but answers its sync with ArgoCD's 403 body", async () => {
    const token = await login(alpha, {
      username: 'viewer',
      password: 'pw-viewer',
    });
    expect(
      (await call(`${alpha}/api/v1/applications/web-shop`, { token })).status,
    ).toBe(200);
    const res = await call(`${alpha}/api/v1/applications/web-shop/sync`, {
      method: 'POST',
      token,
      body: {},
    });
    expect(res.status).toBe(403);
    expect(res.body).toEqual({
      error:
        'permission denied: applications, sync, shop/web-shop, sub: viewer',
      code: 7,
      message:
        'permission denied: applications, sync, shop/web-shop, sub: viewer',
    });
    expect(
      argocdSpec.validateResponse({
        method: 'post',
        path: '/api/v1/applications/{name}/sync',
        status: 403,
        body: res.body,
      }),
    ).toEqual([]);
  });

  it('hides other projects from an account limited to some, and does not reveal whether an app exists', async () => {
    const token = await login(alpha, {
      username: 'payments-only',
      password: 'pw-payments',
    });
    const list = await call(`${alpha}/api/v1/applications`, { token });
    expect(list.body.items.map((a: any) => a.metadata.name)).toEqual([
      'payments-api-dev',
    ]);
    expect(
      (await call(`${alpha}/api/v1/applications/web-shop`, { token })).status,
    ).toBe(403);
    expect(
      (await call(`${alpha}/api/v1/applications/no-such-app`, { token }))
        .status,
    ).toBe(403);
  });
});
