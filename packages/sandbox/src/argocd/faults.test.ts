import type { Sandbox } from '../host/sandbox';
import { argocdState, BETA_TOKEN, call, login, startArgoCd } from './testUtils';

describe('ArgoCD stand-in faults and request counts, per instance', () => {
  let sandbox: Sandbox;
  let alpha: string;
  let beta: string;
  let gamma: string;
  let alphaToken: string;
  let gammaToken: string;

  beforeAll(async () => {
    sandbox = await startArgoCd();
    ({ alpha, beta, gamma } = sandbox.endpoints.argocd);
    alphaToken = await login(alpha);
    gammaToken = await login(gamma);
  });
  afterEach(() => sandbox.faults.clear());
  afterAll(() => sandbox.stop());

  it('lets beta hang while alpha and gamma answer', async () => {
    sandbox.faults.set('argocd/beta', { hang: true });
    let betaAnswered = false;
    const hanging = call(`${beta}/api/v1/applications`, {
      token: BETA_TOKEN,
    }).finally(() => {
      betaAnswered = true;
    });
    const [a, g] = await Promise.all([
      call(
        `${alpha}/api/v1/applications?selector=${encodeURIComponent(
          'app.kubernetes.io/part-of=payments',
        )}`,
        { token: alphaToken },
      ),
      call(`${gamma}/api/v1/applications?name=inventory`, {
        token: gammaToken,
      }),
    ]);
    expect(a.body.items.map((x: any) => x.metadata.name)).toEqual([
      'payments-api-dev',
    ]);
    expect(g.body.items).toHaveLength(1);
    await new Promise(r => setTimeout(r, 100));
    expect(betaAnswered).toBe(false);
    // Clearing the fault releases the held request (503) and beta answers again.
    sandbox.faults.clear('argocd/beta');
    expect((await hanging).status).toBe(503);
    expect(
      (await call(`${beta}/api/v1/applications`, { token: BETA_TOKEN })).status,
    ).toBe(200);
  });

  it('slows one instance down and breaks another, leaving the third alone', async () => {
    sandbox.faults.set('argocd/alpha', { latencyMs: 200 });
    sandbox.faults.set('argocd/gamma', { garbage: true });
    const timed = async <T>(p: Promise<T>) => {
      const start = Date.now();
      const value = await p;
      return { value, ms: Date.now() - start };
    };
    const slow = await timed(call(`${alpha}/api/version`));
    const fast = await timed(call(`${beta}/api/version`));
    expect(slow.ms).toBeGreaterThanOrEqual(190);
    expect(fast.ms).toBeLessThan(slow.ms);
    const garbage = await fetch(`${gamma}/api/v1/applications`, {
      headers: { authorization: `Bearer ${gammaToken}` },
    });
    await expect(garbage.json()).rejects.toThrow();
  });

  it('takes an instance fault through the admin endpoint, as the browser tests set it', async () => {
    const put = await call(
      `${sandbox.adminUrl}/faults/${encodeURIComponent('argocd/gamma')}`,
      { method: 'PUT', body: { errorRate: 1, errorStatus: 500 } },
    );
    expect(put.status).toBe(200);
    expect((await call(`${gamma}/api/version`)).status).toBe(500);
    expect((await call(`${alpha}/api/version`)).status).toBe(200);
    expect(
      (
        await call(
          `${sandbox.adminUrl}/faults/${encodeURIComponent('argocd/gamma')}`,
          { method: 'DELETE' },
        )
      ).status,
    ).toBe(204);
    expect((await call(`${gamma}/api/version`)).status).toBe(200);
  });

  it('applies a fault on the whole service to every instance', async () => {
    sandbox.faults.set('argocd', { errorRate: 1, errorStatus: 502 });
    for (const url of [alpha, beta, gamma])
      expect((await call(`${url}/api/version`)).status).toBe(502);
  });

  it('counts every request per instance, hanging ones included, readable from state and over HTTP', async () => {
    const state = argocdState(sandbox);
    state.resetRequestCounts();
    await call(`${alpha}/api/v1/applications`, { token: alphaToken });
    await call(`${alpha}/api/v1/applications/web-shop`, { token: alphaToken });
    await call(`${alpha}/api/v1/applications/inventory`, { token: alphaToken });
    await call(`${gamma}/api/v1/applications`);
    sandbox.faults.set('argocd/beta', { hang: true });
    await fetch(`${beta}/api/version`, {
      signal: AbortSignal.timeout(100),
    }).catch(() => undefined);
    expect(state.requestCounts()).toEqual({ alpha: 3, beta: 1, gamma: 1 });
    const overHttp = await call(`${alpha}/sandbox/requests`);
    expect(overHttp.body).toEqual({
      total: 3,
      byRoute: {
        'GET /api/v1/applications': 1,
        'GET /api/v1/applications/{name}': 2,
      },
    });
    // Reading the counters is not itself counted.
    expect(state.requestCounts().alpha).toBe(3);
    expect(
      (await call(`${alpha}/sandbox/requests`, { method: 'DELETE' })).status,
    ).toBe(204);
    expect(state.requestCounts().alpha).toBe(0);
  });
});
