import type { JsonValue } from '@backstage/types';
import { startPublishEnv } from '../__testUtils__/publishTestEnv';

jest.setTimeout(60_000);

describe('publish:forgejo against the Forgejo stand-in', () => {
  let env: Awaited<ReturnType<typeof startPublishEnv>>;
  beforeAll(async () => {
    env = await startPublishEnv();
  });
  afterAll(() => env.stop());

  const file = async (repo: string, filePath: string, ref: string) => {
    const { body } = await env.api(
      `/repos/${repo}/contents/${filePath}?ref=${ref}`,
    );
    return Buffer.from(body.content, 'base64').toString();
  };

  it('creates an organisation repository with the default branch, topics and description, and pushes', async () => {
    const { outputs } = await env.run({
      repoUrl: `${env.host}?owner=platform&repo=orders`,
      description: 'Order intake',
      topics: ['orders', 'go'],
      gitCommitMessage: 'Create orders from the template',
    });
    const { body: repo } = await env.api('/repos/platform/orders');
    expect(repo).toMatchObject({
      default_branch: 'main',
      description: 'Order intake',
      topics: ['orders', 'go'],
      empty: false,
      private: false,
    });
    expect(outputs).toEqual({
      remoteUrl: `${env.baseUrl}/platform/orders.git`,
      repoContentsUrl: `${env.baseUrl}/platform/orders/src/branch/main`,
      htmlUrl: `${env.baseUrl}/platform/orders`,
      commitHash: expect.stringMatching(/^[0-9a-f]{40}$/),
      branch: 'main',
    });
    const { body: commits } = await env.api('/repos/platform/orders/commits');
    expect(commits.map((c: any) => [c.sha, c.commit.message.trim()])).toEqual([
      [outputs.commitHash, 'Create orders from the template'],
    ]);
    expect(await file('platform/orders', 'catalog-info.yaml', 'main')).toBe(
      'kind: Component\n',
    );
  });

  it('creates a private repository for the authenticated user when repoUrl names no owner, on the requested branch', async () => {
    const { outputs } = await env.run({
      repoUrl: `${env.host}?repo=notes`,
      repoVisibility: 'private',
      defaultBranch: 'trunk',
    });
    const { body: repo } = await env.api('/repos/edp-bot/notes');
    expect(repo).toMatchObject({ private: true, default_branch: 'trunk' });
    expect(outputs.repoContentsUrl).toBe(
      `${env.baseUrl}/edp-bot/notes/src/branch/trunk`,
    );
    expect(await file('edp-bot/notes', 'README.md', 'trunk')).toBe('# hello\n');
  });

  it('fails with an InputError naming repoUrl and allowExisting when the name is taken', async () => {
    await expect(
      env.run({ repoUrl: `${env.host}?owner=platform&repo=payments-api` }),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(
        /repoUrl names platform\/payments-api, which already exists.*allowExisting: true/,
      ),
    });
  });

  it('re-runs idempotently with allowExisting: unchanged content pushes nothing, changes go to a new branch and main keeps its history', async () => {
    const input = {
      repoUrl: `${env.host}?owner=platform&repo=rerun`,
      allowExisting: true,
    };
    const files = { 'a.txt': 'one\n', 'b.txt': 'two\n' };
    const first = await env.run(input, { files });
    const second = await env.run(input, { files });
    expect(second.outputs.commitHash).toBe(first.outputs.commitHash);
    expect(second.outputs.branch).toBe('main');
    expect((await env.api('/repos/platform/rerun/commits')).body).toHaveLength(
      1,
    );

    const third = await env.run(
      { ...input, gitCommitMessage: 'Change a, drop b' },
      { files: { 'a.txt': 'changed\n' }, taskId: 'task-3' },
    );
    expect(third.outputs).toMatchObject({
      branch: 'scaffolder/task-3',
      repoContentsUrl: `${env.baseUrl}/platform/rerun/src/branch/scaffolder/task-3`,
    });
    const { body: onMain } = await env.api('/repos/platform/rerun/commits');
    expect(onMain.map((c: any) => c.sha)).toEqual([first.outputs.commitHash]);
    const { body: branches } = await env.api('/repos/platform/rerun/branches');
    expect(branches.map((b: any) => [b.name, b.commit.id])).toEqual(
      expect.arrayContaining([
        ['main', first.outputs.commitHash],
        ['scaffolder/task-3', third.outputs.commitHash],
      ]),
    );
    const { body: head } = await env.api(
      `/repos/platform/rerun/git/commits/${third.outputs.commitHash}`,
    );
    expect(head.parents.map((p: any) => p.sha)).toEqual([
      first.outputs.commitHash,
    ]);
    expect(await file('platform/rerun', 'a.txt', 'scaffolder/task-3')).toBe(
      'changed\n',
    );
    expect(await file('platform/rerun', 'a.txt', 'main')).toBe('one\n');

    // The same task retried pushes nothing more; another content on that branch is refused.
    const retried = await env.run(
      { ...input, gitCommitMessage: 'Change a, drop b' },
      { files: { 'a.txt': 'changed\n' }, taskId: 'task-3' },
    );
    expect(retried.outputs.commitHash).toBe(third.outputs.commitHash);
    await expect(
      env.run(input, { files: { 'a.txt': 'other\n' }, taskId: 'task-3' }),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(
        /^Input "branch": platform\/rerun already has a branch "scaffolder\/task-3" with other content/,
      ),
    });
  });

  it('never changes the existing branches of a seeded repository: the content arrives as the requested branch', async () => {
    const branchesBefore = (
      await env.api('/repos/platform/inventory-service/branches')
    ).body.map((b: any) => [b.name, b.commit.id]);
    const mainBefore = (
      await env.api('/repos/platform/inventory-service/commits?limit=1')
    ).body[0].sha;
    const { outputs } = await env.run(
      {
        repoUrl: `${env.host}?owner=platform&repo=inventory-service`,
        allowExisting: true,
        branch: 'portal/replace-readme',
      },
      { files: { 'README.md': '# replaced\n' } },
    );
    expect(outputs.branch).toBe('portal/replace-readme');
    const branchesAfter = (
      await env.api('/repos/platform/inventory-service/branches')
    ).body.map((b: any) => [b.name, b.commit.id]);
    expect(branchesAfter).toEqual(
      expect.arrayContaining([
        ...branchesBefore,
        ['portal/replace-readme', outputs.commitHash],
      ]),
    );
    expect(branchesAfter).toHaveLength(branchesBefore.length + 1);
    const { body: head } = await env.api(
      `/repos/platform/inventory-service/git/commits/${outputs.commitHash}`,
    );
    expect(head.parents.map((p: any) => p.sha)).toEqual([mainBefore]);
  });

  it('refuses to push over an existing branch named by the input', async () => {
    await expect(
      env.run(
        {
          repoUrl: `${env.host}?owner=platform&repo=inventory-service`,
          allowExisting: true,
          branch: 'main',
        },
        { files: { 'README.md': '# replaced again\n' } },
      ),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(/already has a branch "main"/),
    });
  });

  it('rejects a branch input that is not a branch name with an InputError naming it', async () => {
    await expect(
      env.run({
        repoUrl: `${env.host}?owner=platform&repo=x`,
        allowExisting: true,
        branch: '../main',
      }),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(
        /^Input "branch" "..\/main" is not a git branch name/,
      ),
    });
  });

  it('uses the checkpoint on a retried task instead of creating the repository again', async () => {
    const checkpoints = new Map<string, JsonValue>();
    const input = { repoUrl: `${env.host}?owner=platform&repo=retried` };
    await env.run(input, { checkpoints });
    // Without allowExisting a second creation would fail with "already exists".
    const retry = await env.run(input, { checkpoints });
    expect(retry.outputs.htmlUrl).toBe(`${env.baseUrl}/platform/retried`);
    expect([...checkpoints.keys()]).toEqual([
      `v1.publish-forgejo.create.${env.host}/platform/retried`,
    ]);
  });

  it.each([
    [
      'an unconfigured host',
      'unknown.example.com?owner=platform&repo=x',
      /repoUrl "unknown.example.com\?owner=platform&repo=x" is not usable.*integrations.gitea/,
    ],
    [
      'a host of another integration type',
      'github.com?owner=platform&repo=x',
      /repoUrl host "github.com" is not a Forgejo host/,
    ],
    ['no repo', 'HOST?owner=platform', /missing repo/],
    [
      'an invalid name',
      'HOST?owner=platform&repo=has%20space',
      /repoUrl repo "has space" is not a valid Forgejo name/,
    ],
    [
      'an owner that does not exist',
      'HOST?owner=nobody&repo=x',
      /repoUrl owner "nobody" does not exist/,
    ],
    [
      'another user as owner',
      'HOST?owner=alice&repo=x',
      /repoUrl owner "alice" is another user/,
    ],
  ])('rejects %s with an InputError', async (_name, repoUrl, message) => {
    await expect(
      env.run({ repoUrl: repoUrl.replace('HOST', env.host) }),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(message),
    });
  });

  it('rejects an organisation the token may not create in, using a token input instead of the integration', async () => {
    await expect(
      env.run({
        repoUrl: `${env.host}?owner=labs&repo=x`,
        token: 'sandbox-alice-token',
      }),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(
        /owner "labs": the authenticated user may not create/,
      ),
    });
  });

  it('refuses to push to an archived repository', async () => {
    await expect(
      env.run({
        repoUrl: `${env.host}?owner=platform&repo=legacy-billing`,
        allowExisting: true,
      }),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(/archived/),
    });
  });

  it('dry-runs without creating anything', async () => {
    const { outputs } = await env.run(
      { repoUrl: `${env.host}?owner=platform&repo=dry` },
      { dryRun: true },
    );
    expect(outputs.htmlUrl).toBe(`${env.baseUrl}/platform/dry`);
    expect((await env.api('/repos/platform/dry')).status).toBe(404);
    await expect(
      env.run(
        { repoUrl: `${env.host}?owner=nobody&repo=dry` },
        { dryRun: true },
      ),
    ).rejects.toMatchObject({ name: 'InputError' });
  });
});

describe('publish:forgejo with username and password credentials', () => {
  it('authenticates with Basic and pushes', async () => {
    const env = await startPublishEnv({
      username: 'edp-bot',
      password: 'sandbox-forgejo-password',
    });
    try {
      const { outputs } = await env.run({
        repoUrl: `${env.host}?owner=platform&repo=basic`,
      });
      expect((await env.api('/repos/platform/basic/commits')).body[0].sha).toBe(
        outputs.commitHash,
      );
    } finally {
      await env.stop();
    }
  });
});
