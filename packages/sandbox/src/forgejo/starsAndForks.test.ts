import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Sandbox } from '../host/sandbox';
import { startTestSandbox } from '../testing';
import { forgejoClient, specErrors } from './__testUtils__/forgejoTestApi';

jest.setTimeout(60_000);

const run = promisify(execFile);
const PAY = '/repos/platform/payments-api';
const ALICE = 'token sandbox-alice-token';

describe('Forgejo stand-in: stars, watches and forks', () => {
  let sandbox: Sandbox;
  let call: ReturnType<typeof forgejoClient>;
  let baseUrl: string;

  beforeAll(async () => {
    sandbox = await startTestSandbox(['forgejo']);
    baseUrl = sandbox.endpoints.forgejo.api;
    call = forgejoClient(baseUrl);
  });
  afterAll(() => sandbox.stop());

  it('lists the stargazers and watchers that stars_count and watchers_count count', async () => {
    const repo = await call('GET', PAY);
    const stars = await call('GET', `${PAY}/stargazers`);
    expect(
      specErrors('get', '/repos/{owner}/{repo}/stargazers', 200, stars.body),
    ).toEqual([]);
    expect(stars.body.map((u: any) => u.login)).toEqual(['alice', 'carol']);
    expect(stars.headers.get('x-total-count')).toBe(
      String(repo.body.stars_count),
    );
    const watchers = await call('GET', `${PAY}/subscribers`);
    expect(watchers.body).toHaveLength(repo.body.watchers_count);
  });

  it('stars and unstars for the viewer, reflected in stars_count and /user/starred', async () => {
    const before = (await call('GET', PAY)).body.stars_count;
    expect(
      (await call('GET', `/user/starred/platform/payments-api`)).status,
    ).toBe(404);
    expect(
      (await call('PUT', `/user/starred/platform/payments-api`)).status,
    ).toBe(204);
    expect(
      (await call('GET', `/user/starred/platform/payments-api`)).status,
    ).toBe(204);
    expect((await call('GET', PAY)).body.stars_count).toBe(before + 1);
    const starred = await call('GET', '/user/starred');
    expect(specErrors('get', '/user/starred', 200, starred.body)).toEqual([]);
    expect(starred.body.map((r: any) => r.full_name)).toContain(
      'platform/payments-api',
    );
    const alices = await call('GET', '/users/alice/starred');
    expect(alices.body.map((r: any) => r.full_name)).toContain(
      'platform/web-shop',
    );
    expect(
      (await call('DELETE', `/user/starred/platform/payments-api`)).status,
    ).toBe(204);
    expect((await call('GET', PAY)).body.stars_count).toBe(before);
    expect((await call('PUT', `/user/starred/platform/nope`)).status).toBe(404);
    expect((await call('GET', '/user/starred', { auth: null })).status).toBe(
      401,
    );
  });

  it("answers the viewer's watch as Forgejo's WatchInfo", async () => {
    expect((await call('GET', `${PAY}/subscription`)).status).toBe(404);
    const watched = await call('PUT', `${PAY}/subscription`);
    expect(
      specErrors(
        'put',
        '/repos/{owner}/{repo}/subscription',
        200,
        watched.body,
      ),
    ).toEqual([]);
    expect(watched.body).toMatchObject({ subscribed: true, ignored: false });
    const mine = await call('GET', '/user/subscriptions');
    expect(mine.body.map((r: any) => r.full_name)).toContain(
      'platform/payments-api',
    );
    expect((await call('DELETE', `${PAY}/subscription`)).status).toBe(204);
    expect((await call('GET', `${PAY}/subscription`)).status).toBe(404);
  });

  it('forks into a real repository that git can clone, listed under the parent', async () => {
    expect((await call('GET', `${PAY}/forks`)).body).toEqual([]);
    const fork = await call('POST', `${PAY}/forks`, { auth: ALICE, body: {} });
    expect(fork.status).toBe(202);
    expect(
      specErrors('post', '/repos/{owner}/{repo}/forks', 202, fork.body),
    ).toEqual([]);
    expect(fork.body).toMatchObject({
      full_name: 'alice/payments-api',
      fork: true,
      parent: { full_name: 'platform/payments-api' },
    });
    const forks = await call('GET', `${PAY}/forks`);
    expect(forks.body.map((r: any) => r.full_name)).toEqual([
      'alice/payments-api',
    ]);
    expect((await call('GET', PAY)).body.forks_count).toBe(1);
    const { stdout } = await run('git', [
      'ls-remote',
      `${baseUrl}/alice/payments-api.git`,
    ]);
    expect(stdout).toContain('refs/heads/main');
    const again = await call('POST', `${PAY}/forks`, { auth: ALICE, body: {} });
    expect(again.status).toBe(409);
    expect(again.body.message).toContain(
      'repository is already forked by user',
    );
    const intoOrg = await call('POST', `${PAY}/forks`, {
      auth: ALICE,
      body: { organization: 'labs', name: 'payments-fork' },
    });
    expect(intoOrg).toMatchObject({
      status: 403,
      body: { message: 'User is no Member of Organisation' },
    });
  });
});
