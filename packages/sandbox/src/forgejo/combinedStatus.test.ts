import type { Sandbox } from '../host/sandbox';
import { startTestSandbox } from '../testing';
import { forgejoClient, specErrors } from './__testUtils__/forgejoTestApi';

jest.setTimeout(60_000);

const TEMPLATE = '/repos/{owner}/{repo}/commits/{ref}/status';

/**
 * Forgejo's GetCombinedCommitStatusByRef: with statuses, the CombinedStatus carries the whole
 * repository (convert.ToRepo with the caller's permission, as GET /repos/{owner}/{repo} gives it);
 * without any, it is an empty CombinedStatus{} (zero values, repository null). The overview card
 * relies on both halves, so the stand-in must answer exactly so.
 */
describe('Forgejo stand-in: combined status of a commit', () => {
  let sandbox: Sandbox;
  let call: ReturnType<typeof forgejoClient>;

  beforeAll(async () => {
    sandbox = await startTestSandbox(['forgejo']);
    call = forgejoClient(sandbox.endpoints.forgejo.api);
  });
  afterAll(() => sandbox.stop());

  it('carries the repository as GET /repos/{owner}/{repo} gives it, when the commit has statuses', async () => {
    const tip = (
      await call(
        'GET',
        '/repos/platform/payments-api/commits?limit=1&stat=false&verification=false&files=false',
      )
    ).body[0];
    const status = await call(
      'GET',
      `/repos/platform/payments-api/commits/${tip.sha}/status`,
    );
    expect(status.status).toBe(200);
    expect(specErrors('get', TEMPLATE, 200, status.body)).toEqual([]);
    expect(status.body.total_count).toBeGreaterThan(0);
    expect(status.body.sha).toBe(tip.sha);

    const repo = await call('GET', '/repos/platform/payments-api');
    expect(specErrors('get', '/repos/{owner}/{repo}', 200, repo.body)).toEqual(
      [],
    );
    expect(status.body.repository).toEqual(repo.body);
    expect(status.body.repository).toMatchObject({
      full_name: 'platform/payments-api',
      default_branch: 'main',
      topics: expect.arrayContaining(['payments']),
      release_counter: expect.any(Number),
      open_pr_counter: expect.any(Number),
    });
  });

  it('is the empty CombinedStatus, without repository, for a commit without statuses', async () => {
    const commits = (
      await call(
        'GET',
        '/repos/platform/payments-api/commits?limit=50&stat=false&verification=false&files=false',
      )
    ).body as Array<{ sha: string }>;
    const answers = await Promise.all(
      commits.map(c =>
        call('GET', `/repos/platform/payments-api/commits/${c.sha}/status`),
      ),
    );
    const bare = answers.find(a => a.body.total_count === 0);
    expect(bare).toBeDefined();
    expect(specErrors('get', TEMPLATE, 200, bare!.body)).toEqual([]);
    expect(bare!.body).toEqual({
      state: '',
      sha: '',
      total_count: 0,
      statuses: null,
      repository: null,
      commit_url: '',
      url: '',
    });
  });
});
