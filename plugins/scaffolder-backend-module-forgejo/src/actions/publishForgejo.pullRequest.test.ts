import { startPublishEnv } from '../__testUtils__/publishTestEnv';

jest.setTimeout(60_000);

/** The optional pull request of publish:forgejo, against the Forgejo stand-in. */
describe('publish:forgejo with pullRequest', () => {
  let env: Awaited<ReturnType<typeof startPublishEnv>>;
  beforeAll(async () => {
    env = await startPublishEnv();
  });
  afterAll(() => env.stop());
  beforeEach(() => env.auditEvents.splice(0));

  const pulls = async (repo: string) =>
    (await env.api(`/repos/${repo}/pulls?state=all`)).body as any[];
  const seeded = `platform/inventory-service`;

  it('opens a pull request from the new branch into the default branch of an existing repository', async () => {
    const before = await pulls(seeded);
    const mainBefore = (await env.api(`/repos/${seeded}/branches/main`)).body
      .commit.id;
    const { outputs, ctx } = await env.run(
      {
        repoUrl: `${env.host}?owner=platform&repo=inventory-service`,
        allowExisting: true,
        branch: 'portal/add-runbook',
        gitCommitMessage: 'Add a runbook',
        pullRequest: {
          title: 'Add the on-call runbook',
          body: 'Please review.',
        },
      },
      { files: { 'docs/runbook.md': '# Runbook\n' } },
    );
    const after = await pulls(seeded);
    expect(after).toHaveLength(before.length + 1);
    const { body: pull } = await env.api(
      `/repos/${seeded}/pulls/${outputs.pullRequestNumber}`,
    );
    expect(pull).toMatchObject({
      state: 'open',
      title: 'Add the on-call runbook',
      body: 'Please review.',
      html_url: outputs.pullRequestUrl,
      head: { ref: 'portal/add-runbook', sha: outputs.commitHash },
      base: { ref: 'main', sha: mainBefore },
    });
    // The default branch is untouched: the change waits in the pull request.
    expect(
      (await env.api(`/repos/${seeded}/branches/main`)).body.commit.id,
    ).toBe(mainBefore);
    expect(ctx.logger.info).toHaveBeenCalledWith(
      expect.stringMatching(
        new RegExp(`^Opened pull request #${outputs.pullRequestNumber} `),
      ),
    );
    expect(env.auditEvents[0]).toMatchObject({
      outcome: 'success',
      result: { pullRequest: outputs.pullRequestNumber },
    });
  });

  it('uses the commit message and names the task, template and initiator when pullRequest is true; a retried task reuses the open one', async () => {
    const input = {
      repoUrl: `${env.host}?owner=platform&repo=inventory-service`,
      allowExisting: true,
      gitCommitMessage: 'Bump the chart',
      pullRequest: true,
    };
    const files = { 'chart/version.txt': '2\n' };
    const first = await env.run(input, { files, taskId: 'task-pr' });
    expect(first.outputs.branch).toBe('scaffolder/task-pr');
    const { body: pull } = await env.api(
      `/repos/${seeded}/pulls/${first.outputs.pullRequestNumber}`,
    );
    expect(pull.title).toBe('Bump the chart');
    expect(pull.body).toMatch(
      /^Pushed by publish:forgejo for scaffolder task task-pr.*, started by user:default\/alice\.$/,
    );
    const count = (await pulls(seeded)).length;

    const retried = await env.run(input, { files, taskId: 'task-pr' });
    expect(retried.outputs).toMatchObject({
      pullRequestNumber: first.outputs.pullRequestNumber,
      pullRequestUrl: first.outputs.pullRequestUrl,
    });
    expect(await pulls(seeded)).toHaveLength(count);
  });

  it('opens nothing for a new repository: the content is on its default branch', async () => {
    const { outputs, ctx } = await env.run({
      repoUrl: `${env.host}?owner=platform&repo=fresh-with-pr`,
      allowExisting: true,
      pullRequest: true,
    });
    expect(outputs.branch).toBe('main');
    expect(outputs.pullRequestUrl).toBeUndefined();
    expect(await pulls('platform/fresh-with-pr')).toEqual([]);
    expect(ctx.logger.info).toHaveBeenCalledWith(
      'No pull request: the content is on main, the default branch of platform/fresh-with-pr',
    );
  });

  it.each([
    ['a dry run', true],
    ['a real run', false],
  ])(
    'refuses %s to a user without forgejo.repository.publish: no branch and no pull request',
    async (_name, dryRun) => {
      const before = await pulls(seeded);
      const branchesBefore = (await env.api(`/repos/${seeded}/branches`)).body
        .length;
      await expect(
        env.run(
          {
            repoUrl: `${env.host}?owner=platform&repo=inventory-service`,
            allowExisting: true,
            branch: 'visitor/proposal',
            pullRequest: true,
          },
          { allowed: false, dryRun },
        ),
      ).rejects.toMatchObject({ name: 'NotAllowedError' });
      expect(await pulls(seeded)).toHaveLength(before.length);
      expect((await env.api(`/repos/${seeded}/branches`)).body).toHaveLength(
        branchesBefore,
      );
    },
  );

  it('dry-runs without pushing or opening anything, and says what a real run would do', async () => {
    const before = await pulls(seeded);
    const { ctx } = await env.run(
      {
        repoUrl: `${env.host}?owner=platform&repo=inventory-service`,
        allowExisting: true,
        pullRequest: true,
      },
      { dryRun: true },
    );
    expect(await pulls(seeded)).toHaveLength(before.length);
    expect(ctx.logger.info).toHaveBeenCalledWith(
      expect.stringMatching(/open a pull request into its default branch$/),
    );
  });
});
