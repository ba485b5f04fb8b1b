import type { Sandbox } from '../host/sandbox';
import { startTestSandbox } from '../testing';
import { forgejoClient, specErrors } from './__testUtils__/forgejoTestApi';

jest.setTimeout(60_000);

const PULLS = '/repos/platform/payments-api/pulls';

/** POST /repos/{owner}/{repo}/pulls: Forgejo's answers and texts, each checked against the swagger. */
describe('Forgejo stand-in: creating a pull request', () => {
  let sandbox: Sandbox;
  let call: ReturnType<typeof forgejoClient>;

  beforeAll(async () => {
    sandbox = await startTestSandbox(['forgejo']);
    call = forgejoClient(sandbox.endpoints.forgejo.api);
  });
  afterAll(() => sandbox.stop());

  const create = (body: unknown, auth?: string | null) =>
    call('POST', PULLS, { body, auth });

  it('opens a pull request from a branch into the default branch, then lists and serves it', async () => {
    const branch = await call(
      'GET',
      '/repos/platform/payments-api/branches/fix%2Fcurrency-rounding',
    );
    const created = await create({
      head: 'fix/currency-rounding',
      base: 'main',
      title: 'Round again',
      body: 'Second try.',
    });
    expect(created.status).toBe(201);
    expect(
      specErrors('post', '/repos/{owner}/{repo}/pulls', 201, created.body),
    ).toEqual([]);
    expect(created.body).toMatchObject({
      title: 'Round again',
      body: 'Second try.',
      state: 'open',
      draft: false,
      merged: false,
      user: { login: 'edp-bot' },
      head: { ref: 'fix/currency-rounding', sha: branch.body.commit.id },
      base: { ref: 'main' },
    });
    // Numbers continue after the seeded issues and pull requests (three of each kind at most).
    const { number, html_url } = created.body;
    expect(number).toBeGreaterThan(3);
    expect(html_url).toMatch(
      new RegExp(`/platform/payments-api/pulls/${number}$`),
    );

    const one = await call('GET', `${PULLS}/${number}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ number, title: 'Round again' });
    const open = await call('GET', `${PULLS}?state=open`);
    expect(open.body.map((p: any) => p.number)).toContain(number);
    const asIssue = await call(
      'GET',
      `/repos/platform/payments-api/issues/${number}`,
    );
    expect(asIssue.body.pull_request).toMatchObject({ merged: false });

    // Forgejo refuses a second open pull request for the same head and base.
    const again = await create({
      head: 'fix/currency-rounding',
      base: 'main',
      title: 'Round a third time',
    });
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(
      new RegExp(
        `^pull request already exists for these targets \\[id: \\d+, issue_id: ${number}, .*head_branch: fix/currency-rounding, base_branch: main\\]$`,
      ),
    );
    expect(
      specErrors('post', '/repos/{owner}/{repo}/pulls', 409, again.body),
    ).toEqual([]);
  });

  it('accepts the owner:branch form of head and marks a WIP title as draft', async () => {
    const created = await create({
      head: 'platform:feature/refunds',
      base: 'fix/currency-rounding',
      title: '[WIP] refunds on top of rounding',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      draft: true,
      head: { ref: 'feature/refunds' },
      base: { ref: 'fix/currency-rounding' },
    });
  });

  it.each([
    [
      'the same branch as head and base',
      { head: 'main', base: 'main', title: 't' },
      422,
      'Invalid PullRequest: There are no changes between the head and the base',
    ],
    [
      'no head and no title',
      { base: 'main' },
      422,
      '[Head]: Required,[Title]: Required',
    ],
    [
      'a base branch that does not exist',
      { head: 'feature/refunds', base: 'nope', title: 't' },
      404,
      "The target couldn't be found.",
    ],
    [
      'a head branch that does not exist',
      { head: 'nope', base: 'main', title: 't' },
      404,
      "The target couldn't be found.",
    ],
    [
      "a head in another owner's fork (the stand-in has no forks)",
      { head: 'alice:feature/refunds', base: 'main', title: 't' },
      404,
      "The target couldn't be found.",
    ],
    [
      'an open pull request for the same branches (seeded)',
      { head: 'feature/refunds', base: 'main', title: 't' },
      409,
      expect.stringMatching(/^pull request already exists for these targets/),
    ],
  ])('refuses %s', async (_name, body, status, message) => {
    const before = (await call('GET', `${PULLS}?state=all`)).body.length;
    const res = await create(body);
    expect(res.status).toBe(status);
    expect(res.body.message).toEqual(message);
    expect(
      specErrors('post', '/repos/{owner}/{repo}/pulls', status, res.body),
    ).toEqual([]);
    expect((await call('GET', `${PULLS}?state=all`)).body).toHaveLength(before);
  });

  it('needs a token, and refuses archived repositories with 423', async () => {
    const anonymous = await create(
      { head: 'feature/refunds', base: 'main', title: 't' },
      null,
    );
    expect(anonymous.status).toBe(401);
    const archived = await call(
      'POST',
      '/repos/platform/legacy-billing/pulls',
      { body: { head: 'master', base: 'other', title: 't' } },
    );
    expect(archived.status).toBe(423);
    expect(
      specErrors('post', '/repos/{owner}/{repo}/pulls', 423, archived.body),
    ).toEqual([]);
  });

  it('hides private repositories from non-members with 404, as for reads', async () => {
    const res = await call('POST', '/repos/labs/recommender/pulls', {
      auth: 'token sandbox-alice-token',
      body: { head: 'develop', base: 'main', title: 't' },
    });
    expect(res.status).toBe(404);
  });
});
