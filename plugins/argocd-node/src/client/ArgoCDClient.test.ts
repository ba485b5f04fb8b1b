import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { ArgoCDClient } from './ArgoCDClient';
import { sessionInstance, tokenInstance } from '../__testUtils__/testInstances';

const server = setupServer();
registerMswTestHooks(server);

const BASE = 'https://alpha.argocd.test';

/** Fake ArgoCD whose sessions can be revoked, counting logins and list calls. */
function fakeArgo() {
  const state = {
    logins: 0,
    lists: 0,
    valid: new Set<string>(),
    lastQuery: new URLSearchParams(),
  };
  server.use(
    http.post(`${BASE}/api/v1/session`, async ({ request }) => {
      const body = (await request.json()) as {
        username: string;
        password: string;
      };
      if (body.password !== 'alpha-secret-password') {
        return HttpResponse.json(
          { code: 16, message: 'Invalid username or password' },
          { status: 401 },
        );
      }
      state.logins += 1;
      const token = `session-${state.logins}`;
      state.valid.add(token);
      return HttpResponse.json({ token });
    }),
    http.get(`${BASE}/api/v1/applications`, ({ request }) => {
      const token =
        request.headers.get('authorization')?.replace('Bearer ', '') ?? '';
      if (!state.valid.has(token) && token !== 'alpha-static-token') {
        return HttpResponse.json(
          { code: 16, message: 'invalid session' },
          { status: 401 },
        );
      }
      state.lists += 1;
      state.lastQuery = new URL(request.url).searchParams;
      return HttpResponse.json({
        items: [{ metadata: { name: 'payments-api-dev' } }],
      });
    }),
  );
  return state;
}

describe('ArgoCDClient', () => {
  it('logs in once and reuses the session token for later calls', async () => {
    const argo = fakeArgo();
    const client = new ArgoCDClient(sessionInstance('alpha'));
    await client.listApplications({ name: 'a' });
    await Promise.all([
      client.listApplications({ name: 'b' }),
      client.listApplications({ name: 'c' }),
    ]);
    expect(argo.logins).toBe(1);
    expect(argo.lists).toBe(3);
  });

  it('logs in again once when the session expires (401) and retries the call', async () => {
    const argo = fakeArgo();
    const client = new ArgoCDClient(sessionInstance('alpha'));
    await client.listApplications({});
    argo.valid.clear(); // the server forgets every session
    const apps = await client.listApplications({});
    expect(apps.map(a => a.metadata?.name)).toEqual(['payments-api-dev']);
    expect(argo.logins).toBe(2);
  });

  it('reports failed authentication without echoing the password', async () => {
    fakeArgo();
    const client = new ArgoCDClient(
      sessionInstance('alpha', {
        auth: {
          type: 'session',
          username: 'admin',
          password: 'wrong-pass-123',
        },
      }),
    );
    const error = await client.listApplications({}).catch(e => e);
    expect(error.reason).toBe('auth');
    expect(error.message).toMatch(
      /Authentication failed for ArgoCD instance "alpha"/,
    );
    expect(error.message).not.toContain('wrong-pass-123');
  });

  it('sends a static token without logging in', async () => {
    const argo = fakeArgo();
    const client = new ArgoCDClient(tokenInstance('alpha'));
    await client.listApplications({});
    expect(argo.logins).toBe(0);
    expect(argo.lists).toBe(1);
  });

  it('encodes the selector so operators and spaces reach ArgoCD unchanged, with the projection', async () => {
    const argo = fakeArgo();
    const client = new ArgoCDClient(tokenInstance('alpha'));
    const selector =
      'app.kubernetes.io/part-of=payments,env in (dev, prod),!legacy';
    await client.listApplications({
      selector,
      projects: ['p1', 'p2'],
      appNamespace: 'team-a',
    });
    expect(argo.lastQuery.get('selector')).toBe(selector);
    expect(argo.lastQuery.getAll('projects')).toEqual(['p1', 'p2']);
    expect(argo.lastQuery.get('appNamespace')).toBe('team-a');
    expect(argo.lastQuery.get('fields')).toContain('items.status.history');
  });

  it('rejects a malformed selector before calling ArgoCD', async () => {
    const argo = fakeArgo();
    const client = new ArgoCDClient(tokenInstance('alpha'));
    await expect(
      client.listApplications({ selector: 'a=b&c=d' }),
    ).rejects.toThrow(/not a valid label value/);
    expect(argo.lists).toBe(0);
  });

  it('gives up on a hanging instance after its timeout', async () => {
    server.use(
      http.get(`${BASE}/api/v1/applications`, async () => delay('infinite')),
    );
    const client = new ArgoCDClient(tokenInstance('alpha', { timeoutMs: 200 }));
    const started = Date.now();
    const error = await client.listApplications({}).catch(e => e);
    expect(error.reason).toBe('timeout');
    expect(error.message).toContain('did not answer within 200 ms');
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('turns garbage and 5xx answers into readable errors', async () => {
    server.use(
      http.get(
        `${BASE}/api/v1/applications`,
        () => new HttpResponse('<html>oops', { status: 200 }),
      ),
      http.get(`${BASE}/api/version`, () =>
        HttpResponse.json({ message: 'overloaded' }, { status: 503 }),
      ),
    );
    const client = new ArgoCDClient(tokenInstance('alpha'));
    await expect(client.listApplications({})).rejects.toMatchObject({
      reason: 'invalid-response',
    });
    await expect(client.getVersion()).rejects.toMatchObject({
      reason: 'upstream',
      message: 'ArgoCD instance "alpha" answered HTTP 503: overloaded',
    });
  });
});

describe('ArgoCDClient.ensureSession', () => {
  it('logs in ahead of time and the first call reuses that session', async () => {
    const argo = fakeArgo();
    const client = new ArgoCDClient(sessionInstance('alpha'));
    await client.ensureSession();
    expect(argo.logins).toBe(1);
    await client.listApplications({});
    expect(argo.logins).toBe(1);
  });

  it('swallows a failed early login; the next call reports it', async () => {
    fakeArgo();
    const client = new ArgoCDClient(
      sessionInstance('alpha', {
        auth: { type: 'session', username: 'admin', password: 'bad' },
      }),
    );
    await expect(client.ensureSession()).resolves.toBeUndefined();
    await expect(client.listApplications({})).rejects.toMatchObject({
      reason: 'auth',
    });
  });
});

describe('ArgoCDClient shared login', () => {
  it('reports a hanging login as a timeout to every caller sharing it', async () => {
    server.use(http.post(`${BASE}/api/v1/session`, () => delay('infinite')));
    const client = new ArgoCDClient(
      sessionInstance('alpha', { timeoutMs: 200 }),
    );
    const early = client.ensureSession();
    await new Promise(resolve => setTimeout(resolve, 50));
    const error = await client.listApplications({}).catch(e => e);
    await early;
    expect(error.reason).toBe('timeout');
  });
});
