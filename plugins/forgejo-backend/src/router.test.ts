import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import request from 'supertest';
import { FORGEJO_BASE, forgejoHandlers } from './__testUtils__/forgejoHandlers';
import {
  makeApp,
  overviewPath,
  passLocalRequests,
} from './__testUtils__/routerApp';

describe('forgejo router', () => {
  const server = setupServer(passLocalRequests());
  registerMswTestHooks(server);

  it('aggregates the overview card and answers the second view from the cache', async () => {
    const upstream = forgejoHandlers();
    server.use(...upstream.handlers);
    const app = await makeApp();

    const first = await request(app).get(overviewPath);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      fullName: 'platform/payments-api',
      defaultBranch: 'main',
      topics: ['payments', 'go'],
      openPullRequests: 2,
      private: true,
      latestRelease: { tagName: 'v1.4.0' },
      latestCommit: {
        shortSha: 'a1b2c3d4e5',
        title: 'Add refunds endpoint',
        status: { state: 'success', total: 2 },
      },
      links: { repository: `${FORGEJO_BASE}/platform/payments-api` },
    });
    expect(first.body.languages.map((l: { name: string }) => l.name)).toEqual([
      'Go',
      'Shell',
      'Dockerfile',
    ]);
    expect(first.body.languages[0].percent).toBe(75);
    // Cold: tip ∥ languages ∥ latest release, then the tip's combined status (which carries the
    // repository): 4 calls, and never GET /repos/{o}/{r}.
    const cold = upstream.calls.length;
    expect(cold).toBe(4);
    expect([...upstream.calls].sort()).toEqual([
      '/commits',
      '/commits/a1b2c3d4e5f60718293a4b5c6d7e8f9012345678/status',
      '/languages',
      '/releases/latest',
    ]);

    const second = await request(app).get(overviewPath);
    expect(second.status).toBe(200);
    expect(upstream.calls.length).toBe(cold);
  });

  it('shows no release when Forgejo has none (its 404), still 4 calls cold', async () => {
    const upstream = forgejoHandlers({ releases: 0 });
    server.use(...upstream.handlers);
    const res = await request(await makeApp()).get(overviewPath);
    expect(res.status).toBe(200);
    expect(res.body.latestRelease).toBeUndefined();
    expect(res.body.releases).toBe(0);
    expect(upstream.calls).toHaveLength(4);
  });

  it('reads an empty repository with 3 calls and the repository fallback (Forgejo 409 on commits)', async () => {
    const upstream = forgejoHandlers({ empty: true, releases: 0 });
    server.use(...upstream.handlers);
    const res = await request(await makeApp()).get(overviewPath);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      fullName: 'platform/payments-api',
      empty: true,
      description: 'Takes payments for the shop.',
    });
    expect(res.body.latestCommit).toBeUndefined();
    expect([...upstream.calls].sort()).toEqual([
      '/',
      '/commits',
      '/languages',
      '/releases/latest',
    ]);
  });

  it('asks for the repository itself when the tip has no status (Forgejo then sends no repository)', async () => {
    const upstream = forgejoHandlers({ statuses: 0 });
    server.use(...upstream.handlers);
    const res = await request(await makeApp()).get(overviewPath);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      fullName: 'platform/payments-api',
      topics: ['payments', 'go'],
      latestCommit: { shortSha: 'a1b2c3d4e5' },
    });
    expect(res.body.latestCommit.status).toBeUndefined();
    expect(upstream.calls).toHaveLength(5);
    expect(upstream.calls).toContain('/');
  });

  it('coalesces two concurrent identical requests into one set of upstream calls', async () => {
    const upstream = forgejoHandlers({ latencyMs: 50 });
    server.use(...upstream.handlers);
    const app = await makeApp();
    const [a, b] = await Promise.all([
      request(app).get(overviewPath),
      request(app).get(overviewPath),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(upstream.calls.filter(c => c === '/commits')).toHaveLength(1);
    expect(upstream.calls).toHaveLength(4);
  });

  it('needs two rounds of upstream answers, whatever it knew before', async () => {
    const upstream = forgejoHandlers({ latencyMs: 100 });
    server.use(...upstream.handlers);
    const app = await makeApp();
    for (const path of [overviewPath, `${overviewPath}?fresh=true`]) {
      upstream.resetCounts();
      const res = await request(app).get(path);
      expect(res.body.latestCommit.status.state).toBe('success');
      expect(upstream.calls).toHaveLength(4);
      // Two rounds of upstream answers (commits, then the combined status), not three.
      expect(Math.max(...upstream.rounds)).toBe(2);
    }
  });

  it('bypasses the cache when the card retries with fresh=true', async () => {
    const upstream = forgejoHandlers({ releases: 0 });
    server.use(...upstream.handlers);
    const app = await makeApp();
    await request(app).get(overviewPath);
    await request(app).get(`${overviewPath}?fresh=true`);
    expect(upstream.calls).toHaveLength(8);
    expect(upstream.calls.filter(c => c === '/commits')).toHaveLength(2);
  });

  it('resolves the repository from the source location even when the branch has slashes', async () => {
    const upstream = forgejoHandlers();
    server.use(...upstream.handlers);
    const res = await request(await makeApp()).get(
      '/entity/component/default/web-shop/overview',
    );
    expect(res.status).toBe(200);
    expect(res.body.fullName).toBe('platform/payments-api');
  });

  it('serves CI runs with status, workflow, event, ref, duration and a web link', async () => {
    server.use(...forgejoHandlers().handlers);
    const res = await request(await makeApp()).get(
      '/entity/component/default/payments-api/ci',
    );
    expect(res.status).toBe(200);
    expect(res.body.source).toBe('runs');
    expect(res.body.runs[1]).toMatchObject({
      workflow: 'ci.yml',
      status: 'failure',
      event: 'pull_request',
      ref: 'fix/rounding',
      durationSeconds: 125,
      htmlUrl: `${FORGEJO_BASE}/platform/payments-api/actions/runs/7`,
    });
  });

  it('pages pull requests', async () => {
    let page: string | null = null;
    server.use(
      http.get(
        `${FORGEJO_BASE}/api/v1/repos/platform/payments-api/pulls`,
        ({ request: r }) => {
          page = new URL(r.url).searchParams.get('page');
          return HttpResponse.json(
            [{ number: 12, title: 'Support refunds', state: 'open' }],
            {
              headers: { 'X-Total-Count': '45' },
            },
          );
        },
      ),
    );
    const res = await request(await makeApp()).get(
      '/entity/component/default/payments-api/pulls?page=2',
    );
    expect(res.status).toBe(200);
    expect(page).toBe('2');
    expect(res.body).toMatchObject({
      page: 2,
      pageSize: 20,
      totalCount: 45,
      hasMore: true,
    });
    expect(res.body.items[0]).toMatchObject({ number: 12, state: 'open' });
  });

  it('rejects a bad page parameter naming it', async () => {
    const res = await request(await makeApp()).get(
      '/entity/component/default/payments-api/issues?page=abc',
    );
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/"page" must be a whole number/);
  });

  it('shows an empty commit list for an empty repository', async () => {
    server.use(
      http.get(
        `${FORGEJO_BASE}/api/v1/repos/platform/payments-api/commits`,
        () =>
          HttpResponse.json(
            { message: 'Git Repository is empty.' },
            { status: 409 },
          ),
      ),
    );
    const res = await request(await makeApp()).get(
      '/entity/component/default/payments-api/commits',
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      items: [],
      totalCount: 0,
      hasMore: false,
    });
  });

  it('answers 404 for an entity the caller cannot see, without calling Forgejo', async () => {
    const upstream = forgejoHandlers();
    server.use(...upstream.handlers);
    const res = await request(await makeApp()).get(
      '/entity/component/default/secret/overview',
    );
    expect(res.status).toBe(404);
    expect(upstream.calls).toHaveLength(0);
  });

  it('answers 403 when forgejo.repository.read is denied, without calling Forgejo', async () => {
    const upstream = forgejoHandlers();
    server.use(...upstream.handlers);
    const res = await request(await makeApp({ allow: false })).get(
      overviewPath,
    );
    expect(res.status).toBe(403);
    expect(upstream.calls).toHaveLength(0);
  });
});
