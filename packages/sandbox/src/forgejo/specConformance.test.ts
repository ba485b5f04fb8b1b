import type { Sandbox } from '../host/sandbox';
import { startTestSandbox } from '../testing';
import { loadSwaggerValidator } from '../spec/swaggerValidator';
import { specPath } from '../spec/specsDir';
import { FORGEJO_ACTION_RUN_EXTRAS } from './actions';
import { forgejoClient, specErrors } from './__testUtils__/forgejoTestApi';

jest.setTimeout(60_000);

/** Each read endpoint's response against specs/forgejo-swagger-v1.json (unknown fields rejected). */
describe('Forgejo stand-in responses match the Forgejo swagger', () => {
  let sandbox: Sandbox;
  let call: ReturnType<typeof forgejoClient>;

  beforeAll(async () => {
    sandbox = await startTestSandbox(['forgejo']);
    call = forgejoClient(sandbox.endpoints.forgejo.api);
  });
  afterAll(() => sandbox.stop());

  // Every read endpoint our cards, the URL reader and catalog discovery call, against the spec's schema.
  const endpoints: Array<[string, string]> = [
    ['/version', '/version'],
    ['/user', '/user'],
    ['/users/alice', '/users/{username}'],
    ['/users/platform', '/users/{username}'],
    ['/orgs/platform', '/orgs/{org}'],
    ['/orgs/platform/repos', '/orgs/{org}/repos'],
    ['/users/alice/repos', '/users/{username}/repos'],
    ['/user/repos', '/user/repos'],
    ['/repos/search?q=pay', '/repos/search'],
    ['/repos/platform/payments-api', '/repos/{owner}/{repo}'],
    [
      '/repos/platform/payments-api/languages',
      '/repos/{owner}/{repo}/languages',
    ],
    [
      '/repos/platform/payments-api/commits?stat=false&verification=false&files=false',
      '/repos/{owner}/{repo}/commits',
    ],
    ['/repos/platform/payments-api/commits', '/repos/{owner}/{repo}/commits'],
    [
      '/repos/platform/payments-api/git/commits/main',
      '/repos/{owner}/{repo}/git/commits/{sha}',
    ],
    [
      '/repos/platform/payments-api/commits/main/status',
      '/repos/{owner}/{repo}/commits/{ref}/status',
    ],
    [
      '/repos/platform/web-shop/commits/main/status',
      '/repos/{owner}/{repo}/commits/{ref}/status',
    ],
    [
      '/repos/platform/payments-api/commits/main/statuses',
      '/repos/{owner}/{repo}/commits/{ref}/statuses',
    ],
    ['/repos/platform/payments-api/releases', '/repos/{owner}/{repo}/releases'],
    [
      '/repos/platform/payments-api/releases/latest',
      '/repos/{owner}/{repo}/releases/latest',
    ],
    [
      '/repos/platform/payments-api/pulls?state=all',
      '/repos/{owner}/{repo}/pulls',
    ],
    [
      '/repos/platform/payments-api/issues?type=issues&state=all',
      '/repos/{owner}/{repo}/issues',
    ],
    ['/repos/platform/payments-api/issues', '/repos/{owner}/{repo}/issues'],
    ['/repos/platform/payments-api/branches', '/repos/{owner}/{repo}/branches'],
    [
      '/repos/platform/payments-api/branches/feature%2Frefunds',
      '/repos/{owner}/{repo}/branches/{branch}',
    ],
    [
      '/repos/platform/payments-api/contents/catalog-info.yaml?ref=main',
      '/repos/{owner}/{repo}/contents/{filepath}',
    ],
    // A folder answers with a list, which the spec documents only for /contents.
    [
      '/repos/platform/payments-api/contents/internal',
      '/repos/{owner}/{repo}/contents',
    ],
    ['/repos/platform/payments-api/contents', '/repos/{owner}/{repo}/contents'],
    ['/repos/platform/payments-api/topics', '/repos/{owner}/{repo}/topics'],
    [
      '/repos/platform/payments-api/actions/tasks',
      '/repos/{owner}/{repo}/actions/tasks',
    ],
  ];

  it.each(endpoints)('GET %s matches the spec', async (path, template) => {
    const res = await call('GET', path);
    expect(res.status).toBe(200);
    expect(specErrors('get', template, 200, res.body)).toEqual([]);
  });

  it('GET /actions/runs matches the spec, plus exactly the ActionRun fields of Forgejo 12 servers', async () => {
    const res = await call('GET', '/repos/platform/payments-api/actions/runs');
    expect(res.status).toBe(200);
    const open = loadSwaggerValidator(specPath('forgejo-swagger-v1.json'), {
      rejectUnknownProperties: false,
    });
    expect(
      open.validateResponse({
        method: 'get',
        path: '/repos/{owner}/{repo}/actions/runs',
        status: 200,
        body: res.body,
      }),
    ).toEqual([]);
    const documented = [
      'id',
      'name',
      'workflow_id',
      'run_number',
      'event',
      'head_branch',
      'head_sha',
      'status',
      'triggering_actor',
      'url',
    ];
    for (const run of res.body.workflow_runs) {
      expect(Object.keys(run).sort()).toEqual(
        [...documented, ...FORGEJO_ACTION_RUN_EXTRAS].sort(),
      );
    }
    const success = res.body.workflow_runs.find(
      (r: any) => r.status === 'success',
    );
    expect(success.duration).toBe(3 * 60 * 1e9);
    expect(res.body.workflow_runs[0]).toMatchObject({
      status: 'running',
      stopped: '0001-01-01T00:00:00Z',
    });
  });
});
