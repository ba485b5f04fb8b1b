import { ConfigReader } from '@backstage/config';
import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { http, HttpResponse, delay } from 'msw';
import { setupServer } from 'msw/node';
import { ForgejoClient } from './ForgejoClient';
import { type ForgejoError, isForgejoError } from './errors';

const BASE = 'http://forgejo.test';
const API = `${BASE}/api/v1`;
const ref = { host: 'forgejo.test', owner: 'platform', repo: 'payments-api' };

function client(gitea: object = { password: 'the-token' }, options = {}) {
  const config = new ConfigReader({
    integrations: {
      gitea: [{ host: 'forgejo.test', baseUrl: BASE, ...gitea }],
    },
  });
  return ForgejoClient.fromConfig(config, {
    requestTimeoutMs: 200,
    ...options,
  });
}

async function caught(promise: Promise<unknown>): Promise<ForgejoError> {
  try {
    await promise;
  } catch (e) {
    if (isForgejoError(e)) return e;
    throw e;
  }
  throw new Error('expected a ForgejoError');
}

describe('ForgejoClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('sends a token-only integration as "Authorization: token"', async () => {
    let auth: string | null = null;
    server.use(
      http.get(`${API}/repos/platform/payments-api`, ({ request }) => {
        auth = request.headers.get('authorization');
        return HttpResponse.json({ full_name: 'platform/payments-api' });
      }),
    );
    await expect(client().getRepository(ref)).resolves.toMatchObject({
      full_name: 'platform/payments-api',
    });
    expect(auth).toBe('token the-token');
  });

  it('sends username and password as Basic', async () => {
    let auth: string | null = null;
    server.use(
      http.get(`${API}/repos/platform/payments-api`, ({ request }) => {
        auth = request.headers.get('authorization');
        return HttpResponse.json({});
      }),
    );
    await client({ username: 'edp-bot', password: 'pw' }).getRepository(ref);
    expect(auth).toBe(`Basic ${Buffer.from('edp-bot:pw').toString('base64')}`);
  });

  it.each([
    [404, 'NOT_FOUND', /does not exist or the credentials/],
    [409, 'EMPTY_REPOSITORY', /is empty/],
    [401, 'UNAUTHORIZED', /integrations\.gitea/],
    [403, 'UNAUTHORIZED', /HTTP 403/],
    [429, 'RATE_LIMITED', /retry after 7 s/],
    [502, 'UPSTREAM_ERROR', /HTTP 502.*Forgejo said: bad gateway/],
  ])(
    'maps HTTP %s to %s with a readable message',
    async (status, code, message) => {
      server.use(
        http.get(`${API}/repos/platform/payments-api`, () =>
          HttpResponse.json(
            { message: 'bad gateway' },
            { status, headers: { 'retry-after': '7' } },
          ),
        ),
      );
      const error = await caught(client().getRepository(ref));
      expect(error.code).toBe(code);
      expect(error.message).toMatch(message);
      expect(error.host).toBe('forgejo.test');
    },
  );

  it('says when a host without credentials was called anonymously', async () => {
    server.use(
      http.get(`${API}/repos/platform/payments-api`, ({ request }) =>
        request.headers.get('authorization')
          ? HttpResponse.json({})
          : HttpResponse.json(
              { message: 'token is required' },
              { status: 401 },
            ),
      ),
    );
    const error = await caught(client({}).getRepository(ref));
    expect(error.code).toBe('UNAUTHORIZED');
    expect(error.message).toMatch(
      /entry for forgejo.test has no password or token/,
    );
  });

  it('times out a slow call', async () => {
    server.use(
      http.get(`${API}/repos/platform/payments-api`, async () => {
        await delay(1000);
        return HttpResponse.json({});
      }),
    );
    const error = await caught(client().getRepository(ref, { timeoutMs: 50 }));
    expect(error.code).toBe('TIMEOUT');
    expect(error.message).toMatch(/within 50 ms/);
    expect(error.retryable).toBe(true);
  });

  it('reports garbage JSON as INVALID_RESPONSE', async () => {
    server.use(
      http.get(
        `${API}/repos/platform/payments-api`,
        () => new HttpResponse('<html>oops', { status: 200 }),
      ),
    );
    const error = await caught(client().getRepository(ref));
    expect(error.code).toBe('INVALID_RESPONSE');
    expect(error.message).toMatch(/not JSON/);
  });

  it('reports an unreachable host', async () => {
    server.use(
      http.get(`${API}/repos/platform/payments-api`, () =>
        HttpResponse.error(),
      ),
    );
    const error = await caught(client().getRepository(ref));
    expect(error.code).toBe('UPSTREAM_ERROR');
    expect(error.message).toMatch(
      /Forgejo at http:\/\/forgejo.test could not be reached \(host forgejo.test of integrations.gitea\)/,
    );
  });

  it('names the missing integrations.gitea host', async () => {
    const error = await caught(
      client().getRepository({ ...ref, host: 'elsewhere.test' }),
    );
    expect(error.code).toBe('MISSING_INTEGRATION');
    expect(error.message).toMatch(
      /No integrations.gitea entry for host "elsewhere.test"/,
    );
    expect(error.configuredHosts).toEqual(['forgejo.test']);
  });

  it('pages lists with limit ≤ 50 and reads X-Total-Count', async () => {
    let query: URLSearchParams | undefined;
    server.use(
      http.get(`${API}/repos/platform/payments-api/pulls`, ({ request }) => {
        query = new URL(request.url).searchParams;
        return HttpResponse.json([{ number: 1 }], {
          headers: { 'X-Total-Count': '120' },
        });
      }),
    );
    const page = await client().listPullRequests(ref, { page: 2, limit: 500 });
    expect(query?.get('limit')).toBe('50');
    expect(query?.get('page')).toBe('2');
    expect(query?.get('state')).toBe('open');
    expect(page).toMatchObject({
      page: 2,
      limit: 50,
      totalCount: 120,
      hasMore: true,
    });
  });

  it("lists an organisation's repositories 50 at a time by default", async () => {
    let query: URLSearchParams | undefined;
    server.use(
      http.get(`${API}/orgs/platform/repos`, ({ request }) => {
        query = new URL(request.url).searchParams;
        return HttpResponse.json([{ name: 'payments-api' }], {
          headers: { 'X-Total-Count': '51' },
        });
      }),
    );
    const page = await client().listOrganizationRepositories(
      'forgejo.test',
      'platform',
    );
    expect(query?.get('limit')).toBe('50');
    expect(page).toMatchObject({
      items: [{ name: 'payments-api' }],
      hasMore: true,
    });
  });

  it('tells whether a file exists on a branch, and fails on anything but 404', async () => {
    const asked: string[] = [];
    server.use(
      http.get(
        `${API}/repos/platform/payments-api/contents/*`,
        ({ request }) => {
          const url = new URL(request.url);
          asked.push(`${url.pathname} ${url.searchParams.get('ref')}`);
          if (url.pathname.endsWith('/catalog-info.yaml')) {
            return HttpResponse.json({
              type: 'file',
              name: 'catalog-info.yaml',
            });
          }
          if (url.pathname.endsWith('/docs')) return HttpResponse.json([]);
          if (url.pathname.endsWith('/broken.yaml')) {
            return new HttpResponse('oops', { status: 500 });
          }
          return HttpResponse.json({ message: 'not found' }, { status: 404 });
        },
      ),
    );
    const c = client();
    await expect(
      c.hasFile(ref, 'catalog-info.yaml', 'release/1.0'),
    ).resolves.toBe(true);
    await expect(c.hasFile(ref, 'docs', 'main')).resolves.toBe(false);
    await expect(c.hasFile(ref, 'missing.yaml', 'main')).resolves.toBe(false);
    expect((await caught(c.hasFile(ref, 'broken.yaml', 'main'))).code).toBe(
      'UPSTREAM_ERROR',
    );
    expect(asked[0]).toBe(
      '/api/v1/repos/platform/payments-api/contents/catalog-info.yaml release/1.0',
    );
  });

  it('asks for issues only and commits without stats', async () => {
    const seen: string[] = [];
    server.use(
      http.get(`${API}/repos/platform/payments-api/issues`, ({ request }) => {
        seen.push(new URL(request.url).search);
        return HttpResponse.json([]);
      }),
      http.get(`${API}/repos/platform/payments-api/commits`, ({ request }) => {
        seen.push(new URL(request.url).search);
        return HttpResponse.json([]);
      }),
    );
    const c = client();
    await c.listIssues(ref);
    await c.listCommits(ref, { limit: 1 });
    expect(seen[0]).toContain('type=issues');
    expect(seen[1]).toContain('stat=false');
    expect(seen[1]).toContain('verification=false');
    expect(seen[1]).toContain('files=false');
  });

  it('returns undefined for a repository without releases', async () => {
    server.use(
      http.get(`${API}/repos/platform/payments-api/releases/latest`, () =>
        HttpResponse.json({ message: 'not found' }, { status: 404 }),
      ),
    );
    await expect(client().getLatestRelease(ref)).resolves.toBeUndefined();
  });

  it('keeps at most maxConcurrentRequestsPerHost calls in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    server.use(
      http.get(`${API}/repos/platform/:repo`, async () => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await delay(20);
        inFlight--;
        return HttpResponse.json({});
      }),
    );
    const c = client(undefined, { maxConcurrentRequestsPerHost: 2 });
    await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        c.getRepository({ ...ref, repo: `r${i}` }),
      ),
    );
    expect(peak).toBe(2);
  });
});
