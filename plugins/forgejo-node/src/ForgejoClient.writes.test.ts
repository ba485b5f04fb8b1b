import { ConfigReader } from '@backstage/config';
import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { ForgejoClient } from './ForgejoClient';

const BASE = 'http://forgejo.test';
const API = `${BASE}/api/v1`;
const ref = { host: 'forgejo.test', owner: 'platform', repo: 'payments-api' };

function client() {
  return ForgejoClient.fromConfig(
    new ConfigReader({
      integrations: {
        gitea: [
          {
            host: 'forgejo.test',
            baseUrl: BASE,
            username: 'edp-bot',
            password: 'pw',
          },
        ],
      },
    }),
    { requestTimeoutMs: 200 },
  );
}

/** The error contract: every failure is a Backstage error whose class says what the caller can do. */
describe('ForgejoClient errors and writes', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it.each([
    [404, 'NotFoundError', 'NOT_FOUND'],
    [409, 'ConflictError', 'EMPTY_REPOSITORY'],
    [401, 'NotAllowedError', 'UNAUTHORIZED'],
    [429, 'ServiceUnavailableError', 'RATE_LIMITED'],
    [500, 'ServiceUnavailableError', 'UPSTREAM_ERROR'],
  ])('a read answered %s is a %s with code %s', async (status, name, code) => {
    server.use(
      http.get(`${API}/repos/platform/payments-api`, () =>
        HttpResponse.json({ message: 'no' }, { status }),
      ),
    );
    await expect(client().getRepository(ref)).rejects.toMatchObject({
      name,
      code,
      host: 'forgejo.test',
      upstreamStatus: status,
    });
  });

  it('names an unknown host with an InputError listing the configured ones', async () => {
    await expect(
      client().getRepository({ ...ref, host: 'elsewhere.test' }),
    ).rejects.toMatchObject({
      name: 'InputError',
      code: 'MISSING_INTEGRATION',
      configuredHosts: ['forgejo.test'],
    });
  });

  it('creates an organisation repository empty (no auto-init), and a taken name is a ConflictError', async () => {
    const bodies: unknown[] = [];
    server.use(
      http.post(`${API}/orgs/platform/repos`, async ({ request }) => {
        bodies.push(await request.json());
        return bodies.length === 1
          ? HttpResponse.json(
              { full_name: 'platform/new', empty: true },
              { status: 201 },
            )
          : HttpResponse.json(
              { message: 'The repository with the same name already exists.' },
              { status: 409 },
            );
      }),
    );
    const request = { name: 'new', private: true, default_branch: 'trunk' };
    await expect(
      client().createRepository('forgejo.test', 'platform', request),
    ).resolves.toEqual({ full_name: 'platform/new', empty: true });
    expect(bodies[0]).toEqual({ ...request, auto_init: false });

    await expect(
      client().createRepository('forgejo.test', 'platform', request),
    ).rejects.toMatchObject({
      name: 'ConflictError',
      upstreamStatus: 409,
      message:
        'Forgejo at forgejo.test refused POST /orgs/platform/repos with HTTP 409. Forgejo said: The repository with the same name already exists.',
    });
  });

  it("creates a repository for the credentials' own user when no owner is given", async () => {
    server.use(
      http.post(`${API}/user/repos`, () =>
        HttpResponse.json({ full_name: 'edp-bot/mine' }, { status: 201 }),
      ),
    );
    await expect(
      client().createRepository('forgejo.test', undefined, { name: 'mine' }),
    ).resolves.toMatchObject({ full_name: 'edp-bot/mine' });
  });

  it('a write Forgejo refuses as invalid is an InputError with its reason', async () => {
    server.use(
      http.put(`${API}/repos/platform/payments-api/topics`, () =>
        HttpResponse.json(
          { message: 'invalid topics: ["A B"]' },
          { status: 422 },
        ),
      ),
    );
    await expect(client().replaceTopics(ref, ['A B'])).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringContaining('Forgejo said: invalid topics'),
    });
  });

  it('sends a per-call token instead of the configured credentials, for reads and writes', async () => {
    const seen: Array<string | null> = [];
    server.use(
      http.get(`${API}/user`, ({ request }) => {
        seen.push(request.headers.get('authorization'));
        return HttpResponse.json({ login: 'alice' });
      }),
      http.patch(`${API}/repos/platform/payments-api`, ({ request }) => {
        seen.push(request.headers.get('authorization'));
        return HttpResponse.json({});
      }),
      http.put(`${API}/repos/platform/payments-api/topics`, ({ request }) => {
        seen.push(request.headers.get('authorization'));
        return new HttpResponse(null, { status: 204 });
      }),
    );
    await expect(
      client().getAuthenticatedUser('forgejo.test', { token: 'alices' }),
    ).resolves.toMatchObject({ login: 'alice' });
    await client().editRepository(
      ref,
      { description: 'd' },
      { token: 'alices' },
    );
    await client().replaceTopics(ref, ['a']);
    expect(seen).toEqual([
      'token alices',
      'token alices',
      `Basic ${Buffer.from('edp-bot:pw').toString('base64')}`,
    ]);
  });

  it('finds an organisation, user or repository, or undefined when Forgejo answers 404', async () => {
    server.use(
      http.get(`${API}/orgs/platform`, () =>
        HttpResponse.json({ name: 'platform' }),
      ),
      http.get(`${API}/orgs/nobody`, () =>
        HttpResponse.json({}, { status: 404 }),
      ),
      http.get(`${API}/users/nobody`, () =>
        HttpResponse.json({}, { status: 404 }),
      ),
      http.get(`${API}/repos/platform/gone`, () =>
        HttpResponse.json({}, { status: 404 }),
      ),
    );
    const c = client();
    expect(await c.findOrganization('forgejo.test', 'platform')).toEqual({
      name: 'platform',
    });
    expect(await c.findOrganization('forgejo.test', 'nobody')).toBeUndefined();
    expect(await c.findUser('forgejo.test', 'nobody')).toBeUndefined();
    expect(await c.findRepository({ ...ref, repo: 'gone' })).toBeUndefined();
  });

  it('opens a pull request; when one is open already, finds it page by page', async () => {
    server.use(
      http.post(`${API}/repos/platform/payments-api/pulls`, () =>
        HttpResponse.json({ message: 'pull request exists' }, { status: 409 }),
      ),
      http.get(`${API}/repos/platform/payments-api/pulls`, ({ request }) => {
        const page = Number(new URL(request.url).searchParams.get('page'));
        const pulls = Array.from({ length: page === 1 ? 50 : 1 }, (_, i) => ({
          number: page * 100 + i,
          head: { ref: page === 2 ? 'feature' : `other-${i}` },
          base: { ref: 'main' },
        }));
        return HttpResponse.json(pulls);
      }),
    );
    await expect(
      client().createPullRequest(ref, {
        head: 'feature',
        base: 'main',
        title: 't',
      }),
    ).rejects.toMatchObject({ name: 'ConflictError', upstreamStatus: 409 });
    await expect(
      client().findOpenPullRequest(ref, 'feature', 'main'),
    ).resolves.toMatchObject({ number: 200 });
    await expect(
      client().findOpenPullRequest(ref, 'missing', 'main'),
    ).resolves.toBeUndefined();
  });

  it('reads the tree id at a branch head, undefined for a branch without commits', async () => {
    server.use(
      http.get(`${API}/repos/platform/payments-api/git/commits/main`, () =>
        HttpResponse.json({ sha: 'c1', commit: { tree: { sha: 't1' } } }),
      ),
      http.get(`${API}/repos/platform/payments-api/git/commits/none`, () =>
        HttpResponse.json({}, { status: 404 }),
      ),
      http.get(`${API}/repos/platform/payments-api/git/commits/empty`, () =>
        HttpResponse.json({}, { status: 409 }),
      ),
    );
    expect(await client().getHeadTreeSha(ref, 'main')).toBe('t1');
    expect(await client().getHeadTreeSha(ref, 'none')).toBeUndefined();
    expect(await client().getHeadTreeSha(ref, 'empty')).toBeUndefined();
  });
});
