import { SANDBOX_FORGEJO_TOKEN } from '@edp/sandbox';
import { startPublishEnv } from '../__testUtils__/publishTestEnv';

jest.setTimeout(60_000);

describe('publish:forgejo permission, audit and empty repositories', () => {
  let env: Awaited<ReturnType<typeof startPublishEnv>>;
  beforeAll(async () => {
    env = await startPublishEnv();
  });
  afterAll(() => env.stop());
  beforeEach(() => env.auditEvents.splice(0));

  it.each([
    ['a dry run', true],
    ['a real run', false],
  ])(
    'refuses %s to a user without forgejo.repository.publish, creates nothing and audits the denial',
    async (_name, dryRun) => {
      await expect(
        env.run(
          { repoUrl: `${env.host}?owner=platform&repo=denied` },
          { allowed: false, dryRun },
        ),
      ).rejects.toMatchObject({
        name: 'NotAllowedError',
        message:
          'The user who started this task may not publish to Forgejo (permission forgejo.repository.publish)',
      });
      expect((await env.api('/repos/platform/denied')).status).toBe(404);
      expect(env.auditEvents).toEqual([
        expect.objectContaining({
          eventId: 'publish',
          severityLevel: 'medium',
          meta: expect.objectContaining({
            initiator: 'user:default/alice',
            repoUrl: `${env.host}?owner=platform&repo=denied`,
            dryRun,
          }),
          outcome: 'fail',
          error: 'NotAllowedError',
        }),
      ]);
    },
  );

  it('audits a publish with the repository, branch and commit', async () => {
    const { outputs } = await env.run({
      repoUrl: `${env.host}?owner=platform&repo=audited`,
    });
    expect(env.auditEvents).toEqual([
      expect.objectContaining({
        eventId: 'publish',
        meta: expect.objectContaining({ initiator: 'user:default/alice' }),
        outcome: 'success',
        result: {
          repository: `${env.host}/platform/audited`,
          created: true,
          branch: 'main',
          pushed: true,
          commitHash: outputs.commitHash,
        },
      }),
    ]);
  });

  it('pushes the first commit into an existing empty repository', async () => {
    const created = await fetch(`${env.baseUrl}/api/v1/orgs/platform/repos`, {
      method: 'POST',
      headers: {
        Authorization: `token ${SANDBOX_FORGEJO_TOKEN}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ name: 'empty-one', auto_init: false }),
    });
    expect(created.status).toBe(201);
    const { outputs } = await env.run({
      repoUrl: `${env.host}?owner=platform&repo=empty-one`,
      allowExisting: true,
    });
    expect(outputs.branch).toBe('main');
    const { body: commits } = await env.api(
      '/repos/platform/empty-one/commits',
    );
    expect(commits.map((c: any) => c.sha)).toEqual([outputs.commitHash]);
  });
});
