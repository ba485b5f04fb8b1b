import type { Sandbox } from '../host/sandbox';
import { startTestSandbox } from '../testing';
import { forgejoClient, specErrors } from './__testUtils__/forgejoTestApi';

jest.setTimeout(60_000);

describe('Forgejo stand-in read API', () => {
  let sandbox: Sandbox;
  let call: ReturnType<typeof forgejoClient>;
  let baseUrl: string;

  beforeAll(async () => {
    sandbox = await startTestSandbox(['forgejo']);
    baseUrl = sandbox.endpoints.forgejo.api;
    call = forgejoClient(baseUrl);
  });
  afterAll(() => sandbox.stop());

  it('derives repository metadata from git and the seeds', async () => {
    const { body: repo } = await call('GET', '/repos/platform/payments-api');
    expect(repo).toMatchObject({
      full_name: 'platform/payments-api',
      default_branch: 'main',
      empty: false,
      archived: false,
      mirror: false,
      private: false,
      language: 'Go',
      stars_count: 2,
      watchers_count: 2,
      forks_count: 0,
      open_issues_count: 2,
      open_pr_counter: 2,
      release_counter: 3,
      topics: ['payments', 'go', 'service'],
      html_url: `${baseUrl}/platform/payments-api`,
      clone_url: `${baseUrl}/platform/payments-api.git`,
    });
    const { body: archived } = await call(
      'GET',
      '/repos/platform/legacy-billing',
    );
    expect(archived).toMatchObject({
      archived: true,
      default_branch: 'master',
      language: 'Perl',
    });
    const { body: empty } = await call('GET', '/repos/platform/scratch');
    expect(empty).toMatchObject({ empty: true, language: '' });
  });

  it('lists real commits newest first, honouring sha, stat and files', async () => {
    const main = await call(
      'GET',
      '/repos/platform/payments-api/commits?limit=2',
    );
    expect(main.headers.get('x-total-count')).toBe('6');
    expect(main.headers.get('x-hasmore')).toBe('true');
    expect(main.body.map((c: any) => c.commit.message.split('\n')[0])).toEqual([
      'Log payment ids, not card numbers',
      'Retry card authorisation on timeouts',
    ]);
    expect(main.body[0].stats).toEqual({
      total: 5,
      additions: 5,
      deletions: 0,
    });
    expect(main.body[0].files).toEqual([
      { filename: 'internal/api/logging.go', status: 'added' },
    ]);
    expect(main.body[0].author.login).toBe('alice');

    const lean = await call(
      'GET',
      '/repos/platform/payments-api/commits?limit=1&stat=false&verification=false&files=false',
    );
    expect(lean.body[0]).toMatchObject({
      stats: null,
      files: null,
      commit: { verification: null },
    });

    const branch = await call(
      'GET',
      '/repos/platform/payments-api/commits?sha=feature/refunds&limit=1',
    );
    expect(branch.body[0].commit.message).toBe('Refund endpoint\n');
  });

  it('answers 409 for the commits of an empty repository, as Forgejo does', async () => {
    const res = await call('GET', '/repos/platform/scratch/commits');
    expect(res.status).toBe(409);
    expect(res.body.message).toBe('Git Repository is empty.');
    expect(
      specErrors('get', '/repos/{owner}/{repo}/commits', 409, res.body),
    ).toEqual([]);
  });

  it('combines commit statuses written by Actions jobs and other CI', async () => {
    const running = await call(
      'GET',
      '/repos/platform/payments-api/commits/main/status',
    );
    expect(running.body.state).toBe('pending');
    expect(running.body.statuses.map((s: any) => s.context).sort()).toEqual([
      'ci / build (push)',
      'ci / test (push)',
    ]);
    const failed = await call(
      'GET',
      '/repos/platform/inventory-service/commits/main/status',
    );
    expect(failed.body.state).toBe('failure');
    expect(failed.body.total_count).toBe(3);
    const none = await call(
      'GET',
      '/repos/platform/stacks/commits/main/status',
    );
    expect(none.body).toMatchObject({ state: '', total_count: 0 });
  });

  it('serves Actions runs in every seeded state, newest first, with filters', async () => {
    const all = await call('GET', '/repos/platform/payments-api/actions/runs');
    expect(all.body.total_count).toBe(5);
    expect(all.body.workflow_runs.map((r: any) => r.status)).toEqual([
      'running',
      'cancelled',
      'success',
      'failure',
      'success',
    ]);
    const waiting = await call(
      'GET',
      '/repos/platform/web-shop/actions/runs?status=waiting',
    );
    expect(waiting.body.workflow_runs).toHaveLength(1);
    const tasks = await call(
      'GET',
      '/repos/platform/payments-api/actions/tasks?limit=3',
    );
    expect(tasks.body.total_count).toBe(9);
    expect(tasks.body.workflow_runs).toHaveLength(3);
    expect(tasks.body.workflow_runs[0]).toMatchObject({
      status: 'running',
      workflow_id: 'ci.yml',
    });
  });

  it('separates issues from pull requests and filters by state', async () => {
    const issues = await call(
      'GET',
      '/repos/platform/payments-api/issues?type=issues&state=open',
    );
    expect(issues.body.map((i: any) => i.title)).toEqual([
      'Card authorisation times out under load',
      'Support refunds',
    ]);
    expect(issues.body.every((i: any) => i.pull_request === null)).toBe(true);
    const openPulls = await call(
      'GET',
      '/repos/platform/payments-api/pulls?state=open',
    );
    expect(
      openPulls.body.map((p: any) => [p.number, p.draft, p.head.ref]),
    ).toEqual([
      [6, true, 'feature/refunds'],
      [4, false, 'feature/refunds'],
    ]);
    const closed = await call(
      'GET',
      '/repos/platform/payments-api/pulls?state=closed',
    );
    expect(closed.body[0]).toMatchObject({ merged: true, state: 'closed' });
  });

  it('hides drafts from the latest release and lists pre-releases', async () => {
    const latest = await call(
      'GET',
      '/repos/platform/payments-api/releases/latest',
    );
    expect(latest.body.tag_name).toBe('v1.1.0');
    const anonymous = await call(
      'GET',
      '/repos/platform/payments-api/releases',
      { auth: null },
    );
    expect(anonymous.body.map((r: any) => r.tag_name)).toEqual([
      'v1.2.0-rc.1',
      'v1.1.0',
      'v1.0.0',
    ]);
    const writer = await call('GET', '/repos/platform/payments-api/releases');
    expect(writer.body[0]).toMatchObject({ tag_name: 'v1.3.0', draft: true });
  });

  it('reads files through /contents (base64) and /raw at a ref', async () => {
    const file = await call(
      'GET',
      '/repos/platform/payments-api/contents/go.mod?ref=v1.0.0',
    );
    expect(Buffer.from(file.body.content, 'base64').toString()).toContain(
      'module shop.example/payments-api',
    );
    expect(file.body).toMatchObject({
      type: 'file',
      encoding: 'base64',
      path: 'go.mod',
    });
    const missing = await call(
      'GET',
      '/repos/platform/payments-api/contents/internal/api/retry.go?ref=v1.0.0',
    );
    expect(missing.status).toBe(404);
    const raw = await fetch(
      `${baseUrl}/api/v1/repos/platform/payments-api/raw/deploy/service.yaml`,
    );
    expect(await raw.text()).toContain('kind: Service');
    const dir = await call(
      'GET',
      '/repos/platform/stacks/contents/hello-world',
    );
    expect(dir.body.map((e: any) => [e.name, e.type])).toEqual([
      ['hello-world.yaml', 'file'],
      ['hello-world', 'dir'],
    ]);
  });

  it('paginates with limit capped at 50, X-Total-Count and Link', async () => {
    const res = await call(
      'GET',
      '/repos/platform/payments-api/commits?limit=1&page=2&stat=false',
    );
    expect(res.headers.get('x-total-count')).toBe('6');
    const link = res.headers.get('link') ?? '';
    expect(link).toContain('rel="next"');
    expect(link).toContain('rel="prev"');
    expect(link).toContain('rel="first"');
    expect(link).toMatch(
      /page=6&limit=1>; rel="last"|limit=1&page=6>; rel="last"|page=6[^>]*>; rel="last"/,
    );
    const capped = await call(
      'GET',
      '/repos/platform/payments-api/actions/tasks?limit=500',
    );
    expect(capped.body.workflow_runs).toHaveLength(9);
    const orgRepos = await call('GET', '/orgs/platform/repos?limit=3&page=3');
    expect(orgRepos.headers.get('x-total-count')).toBe('7');
    expect(orgRepos.body).toHaveLength(1);
    expect(orgRepos.headers.get('link')).not.toContain('rel="next"');
  });
});
