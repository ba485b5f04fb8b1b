import type { Sandbox } from '../host/sandbox';
import { startTestSandbox } from '../testing';
import {
  BASIC,
  forgejoClient,
  specErrors,
  TOKEN,
} from './__testUtils__/forgejoTestApi';

jest.setTimeout(60_000);

describe('Forgejo stand-in: auth, writes, faults', () => {
  let sandbox: Sandbox;
  let call: ReturnType<typeof forgejoClient>;
  let baseUrl: string;

  beforeAll(async () => {
    sandbox = await startTestSandbox(['forgejo']);
    baseUrl = sandbox.endpoints.forgejo.api;
    call = forgejoClient(baseUrl);
  });
  afterAll(() => sandbox.stop());
  afterEach(() => sandbox.faults.clear());

  describe('authentication', () => {
    it.each([
      ['token', `token ${TOKEN}`],
      ['Bearer', `Bearer ${TOKEN}`],
      ['Basic with the password', BASIC],
      [
        'Basic with the token as password',
        `Basic ${Buffer.from(`edp-bot:${TOKEN}`).toString('base64')}`,
      ],
      [
        'lower-case basic (Backstage getGiteaRequestOptions)',
        BASIC.replace('Basic', 'basic'),
      ],
    ])('accepts %s', async (_name, auth) => {
      const res = await call('GET', '/user', { auth });
      expect(res.status).toBe(200);
      expect(res.body.login).toBe('edp-bot');
    });

    it('rejects a wrong token with 401 and a Forgejo error body', async () => {
      const res = await call('GET', '/repos/platform/payments-api', {
        auth: 'token nope',
      });
      expect(res.status).toBe(401);
      expect(res.body).toEqual({
        message: expect.any(String),
        url: `${baseUrl}/api/swagger`,
      });
      expect(specErrors('get', '/user', 401, res.body)).toEqual([]);
    });

    it('rejects a wrong password', async () => {
      const res = await call('GET', '/user', {
        auth: `Basic ${Buffer.from('edp-bot:wrong').toString('base64')}`,
      });
      expect(res.status).toBe(401);
    });

    it('lets anonymous callers read public repositories but not /user', async () => {
      expect(
        (await call('GET', '/repos/platform/payments-api', { auth: null }))
          .status,
      ).toBe(200);
      expect((await call('GET', '/user', { auth: null })).status).toBe(401);
    });

    it('hides private repositories from non-members with 404', async () => {
      const alice = `token sandbox-alice-token`;
      const hidden = await call('GET', '/repos/labs/recommender', {
        auth: alice,
      });
      expect(hidden.status).toBe(404);
      expect(hidden.body).toMatchObject({
        message: "The target couldn't be found.",
      });
      expect(
        specErrors('get', '/repos/{owner}/{repo}', 404, hidden.body),
      ).toEqual([]);
      expect(
        (await call('GET', '/repos/labs/recommender', { auth: null })).status,
      ).toBe(404);
      const admin = await call('GET', '/repos/labs/recommender');
      expect(admin.body).toMatchObject({
        private: true,
        default_branch: 'develop',
      });
      const search = await call('GET', '/repos/search?q=recommender', {
        auth: alice,
      });
      expect(search.body.data).toEqual([]);
    });
  });

  describe('creating repositories', () => {
    it('creates an organisation repository with the requested default branch, then answers 409', async () => {
      const body = {
        name: 'orders',
        description: 'Order intake',
        default_branch: 'trunk',
        private: false,
      };
      const created = await call('POST', '/orgs/platform/repos', { body });
      expect(created.status).toBe(201);
      expect(
        specErrors('post', '/orgs/{org}/repos', 201, created.body),
      ).toEqual([]);
      expect(created.body).toMatchObject({
        full_name: 'platform/orders',
        default_branch: 'trunk',
        empty: true,
        description: 'Order intake',
      });
      const again = await call('POST', '/orgs/platform/repos', { body });
      expect(again.status).toBe(409);
      expect(again.body.message).toBe(
        'The repository with the same name already exists.',
      );
    });

    it('creates a user repository with auto_init on the default branch', async () => {
      const created = await call('POST', '/user/repos', {
        body: { name: 'notes', auto_init: true, default_branch: 'stable' },
      });
      expect(created.status).toBe(201);
      expect(specErrors('post', '/user/repos', 201, created.body)).toEqual([]);
      expect(created.body).toMatchObject({
        full_name: 'edp-bot/notes',
        empty: false,
        default_branch: 'stable',
      });
      const commits = await call('GET', '/repos/edp-bot/notes/commits');
      expect(commits.body[0].commit.message).toBe('Initial commit\n');
    });

    it('refuses bad names (422), unknown organisations (404), non-members (403) and anonymous callers (401)', async () => {
      expect(
        (await call('POST', '/user/repos', { body: { name: 'has space' } }))
          .status,
      ).toBe(422);
      expect(
        (await call('POST', '/orgs/nobody/repos', { body: { name: 'x' } }))
          .status,
      ).toBe(404);
      const forbidden = await call('POST', '/orgs/labs/repos', {
        body: { name: 'x' },
        auth: 'token sandbox-alice-token',
      });
      expect(forbidden.status).toBe(403);
      expect(
        specErrors('post', '/orgs/{org}/repos', 403, forbidden.body),
      ).toEqual([]);
      expect(
        (await call('POST', '/user/repos', { body: { name: 'x' }, auth: null }))
          .status,
      ).toBe(401);
    });

    it('replaces topics (204) and validates them (422)', async () => {
      await call('POST', '/orgs/platform/repos', { body: { name: 'tagged' } });
      const put = await call('PUT', '/repos/platform/tagged/topics', {
        body: { topics: ['Backstage', 'forgejo'] },
      });
      expect(put.status).toBe(204);
      expect((await call('GET', '/repos/platform/tagged')).body.topics).toEqual(
        ['backstage', 'forgejo'],
      );
      const bad = await call('PUT', '/repos/platform/tagged/topics', {
        body: { topics: ['no spaces allowed'] },
      });
      expect(bad.status).toBe(422);
      const anonymous = await call('PUT', '/repos/platform/tagged/topics', {
        body: { topics: [] },
        auth: null,
      });
      expect(anonymous.status).toBe(403);
    });

    it('edits a repository with PATCH', async () => {
      const res = await call('PATCH', '/repos/platform/tagged', {
        body: { description: 'Now described', website: 'https://x.example' },
      });
      expect(res.status).toBe(200);
      expect(
        specErrors('patch', '/repos/{owner}/{repo}', 200, res.body),
      ).toEqual([]);
      expect(res.body).toMatchObject({
        description: 'Now described',
        website: 'https://x.example',
      });
    });
  });

  it('deletes a repository (204) for writers only', async () => {
    await call('POST', '/orgs/platform/repos', {
      body: { name: 'short-lived' },
    });
    expect(
      (
        await call('DELETE', '/repos/platform/short-lived', {
          auth: 'token sandbox-alice-token',
        })
      ).status,
    ).toBe(204);
    expect((await call('GET', '/repos/platform/short-lived')).status).toBe(404);
    expect(
      (await call('DELETE', '/repos/platform/payments-api', { auth: null }))
        .status,
    ).toBe(403);
  });

  describe('faults and request counting', () => {
    it('applies the sandbox faults to the API', async () => {
      sandbox.faults.set('forgejo', { errorRate: 1, errorStatus: 502 });
      expect((await call('GET', '/version')).status).toBe(502);
      sandbox.faults.set('forgejo', { garbage: true });
      const garbage = await fetch(`${baseUrl}/api/v1/version`);
      const text = await garbage.text();
      expect(() => JSON.parse(text)).toThrow();
      sandbox.faults.clear('forgejo');
      expect((await call('GET', '/version')).status).toBe(200);
    });

    it('counts API calls by route for benchmarks', async () => {
      await fetch(`${baseUrl}/_sandbox/requests`, { method: 'DELETE' });
      await call('GET', '/repos/platform/payments-api');
      await call('GET', '/repos/platform/payments-api/languages');
      const counts = await (await fetch(`${baseUrl}/_sandbox/requests`)).json();
      expect(counts.total).toBe(2);
      expect(
        counts.byRoute['GET /api/v1/repos/platform/payments-api/languages'],
      ).toBe(1);
    });
  });
});

describe('Forgejo stand-in: older servers', () => {
  it('answers 404 for endpoints the configured version lacks, and for /api/forgejo on Gitea', async () => {
    const sandbox = await startTestSandbox(['forgejo'], {
      services_config: { forgejo: { version: '7.0.0', flavor: 'gitea' } },
    });
    try {
      const call = forgejoClient(sandbox.endpoints.forgejo.api);
      expect(
        (await call('GET', '/repos/platform/payments-api/actions/runs')).status,
      ).toBe(404);
      expect(
        (await call('GET', '/repos/platform/payments-api/actions/tasks'))
          .status,
      ).toBe(404);
      expect((await call('GET', '/version')).body.version).toBe('7.0.0');
      const forgejoOnly = await fetch(
        `${sandbox.endpoints.forgejo.api}/api/forgejo/v1/version`,
      );
      expect(forgejoOnly.status).toBe(404);
    } finally {
      await sandbox.stop();
    }
  });
});
