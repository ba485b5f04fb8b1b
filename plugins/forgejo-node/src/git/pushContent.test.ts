import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigReader } from '@backstage/config';
import { forgejoIntegrationOf, startTestSandbox } from '@edp/sandbox';
import { ForgejoClient } from '../ForgejoClient';
import type { ForgejoPushRequest } from './pushContent';

jest.setTimeout(60_000);

type TestSandbox = Awaited<ReturnType<typeof startTestSandbox>>;

/** The pusher against the Forgejo stand-in: real git over HTTP, real repositories. */
describe('ForgejoClient.pushContent', () => {
  let sandbox: TestSandbox;
  let client: ForgejoClient;
  let host: string;
  let scratch: string;
  let n = 0;
  const tempDir = () => fs.mkdtempSync(path.join(scratch, `d${n++}-`));

  beforeAll(async () => {
    sandbox = await startTestSandbox(['forgejo']);
    client = ForgejoClient.fromConfig(
      new ConfigReader({
        integrations: { gitea: [forgejoIntegrationOf(sandbox)] },
      }),
    );
    host = client.hosts.list()[0];
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'forgejo-push-test-'));
  });
  afterAll(async () => {
    await sandbox?.stop();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  const folder = (files: Record<string, string>) => {
    const dir = tempDir();
    for (const [file, content] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), content);
    }
    return dir;
  };
  const newRepository = async (name: string) => {
    const repo = await client.createRepository(host, 'platform', {
      name,
      default_branch: 'main',
    });
    return { ref: { host, owner: 'platform', repo: name }, repo };
  };
  const push = (
    cloneUrl: string,
    files: Record<string, string>,
    onto: Pick<
      ForgejoPushRequest,
      'branch' | 'base' | 'branchExists' | 'updateExisting'
    >,
  ) =>
    client.pushContent(host, {
      cloneUrl,
      sourceDir: folder(files),
      ...onto,
      commitMessage: 'test push',
      author: { name: 'Test', email: 'test@example.com' },
      scratchDir: async () => tempDir(),
    });
  const fileOn = async (
    ref: { host: string; owner: string; repo: string },
    file: string,
    branch: string,
  ) => client.hasFile(ref, file, branch);

  it('pushes a folder as the first commit of an empty repository, then pushes nothing for the same content', async () => {
    const { ref, repo } = await newRepository('push-first');
    expect(repo.empty).toBe(true);
    const first = await push(
      repo.clone_url!,
      { 'README.md': '# one\n' },
      { branch: 'main' },
    );
    expect(first).toMatchObject({ branch: 'main', pushed: true });
    expect(await fileOn(ref, 'README.md', 'main')).toBe(true);

    const again = await push(
      repo.clone_url!,
      { 'README.md': '# one\n' },
      { base: 'main', branch: 'main', updateExisting: true },
    );
    expect(again).toEqual({
      branch: 'main',
      pushed: false,
      commitHash: (first as { commitHash: string }).commitHash,
    });
  });

  it('updates a branch it may update: one commit, removed files gone', async () => {
    const { ref, repo } = await newRepository('push-update');
    await push(
      repo.clone_url!,
      { 'a.txt': 'a', 'b.txt': 'b' },
      { branch: 'main' },
    );
    const updated = await push(
      repo.clone_url!,
      { 'a.txt': 'a2' },
      {
        base: 'main',
        branch: 'main',
        branchExists: true,
        updateExisting: true,
      },
    );
    expect(updated).toMatchObject({ branch: 'main', pushed: true });
    expect(await fileOn(ref, 'a.txt', 'main')).toBe(true);
    expect(await fileOn(ref, 'b.txt', 'main')).toBe(false);
    const { items } = await client.listCommits(ref);
    expect(items.map(c => c.commit?.message?.trim())).toEqual([
      'test push',
      'test push',
    ]);
  });

  it('puts other content on a new branch next to the base and never changes an existing branch', async () => {
    const { ref, repo } = await newRepository('push-branch');
    const base = await push(
      repo.clone_url!,
      { 'a.txt': 'a' },
      { branch: 'main' },
    );
    const proposed = await push(
      repo.clone_url!,
      { 'a.txt': 'changed' },
      { base: 'main', branch: 'proposal', branchExists: false },
    );
    expect(proposed).toMatchObject({ branch: 'proposal', pushed: true });
    expect(await client.hasBranch(ref, 'proposal')).toBe(true);
    // main keeps its commit.
    const { items } = await client.listCommits(ref, { sha: 'main' });
    expect(items.map(c => c.sha)).toEqual([
      (base as { commitHash: string }).commitHash,
    ]);

    // A retried run with the same content finds it on the branch and pushes nothing.
    expect(
      await push(
        repo.clone_url!,
        { 'a.txt': 'changed' },
        { base: 'main', branch: 'proposal', branchExists: true },
      ),
    ).toMatchObject({ branch: 'proposal', pushed: false });
    // Other content for an existing branch is refused, whether it is the base or not.
    expect(
      await push(
        repo.clone_url!,
        { 'a.txt': 'third' },
        { base: 'main', branch: 'proposal', branchExists: true },
      ),
    ).toBe('branch-exists');
    expect(
      await push(
        repo.clone_url!,
        { 'a.txt': 'third' },
        { base: 'main', branch: 'main', branchExists: true },
      ),
    ).toBe('branch-exists');
  });

  it('names the host whose integration has no credential to push with', async () => {
    const anonymous = ForgejoClient.fromConfig(
      new ConfigReader({
        integrations: {
          gitea: [
            { host: 'git.example.com', baseUrl: 'https://git.example.com' },
          ],
        },
      }),
    );
    expect(() =>
      anonymous.pushContent('git.example.com', {
        cloneUrl: 'https://git.example.com/a/b.git',
        sourceDir: scratch,
        branch: 'main',
        commitMessage: 'x',
        author: { name: 'x', email: 'x@example.com' },
        scratchDir: async () => tempDir(),
      }),
    ).toThrow(
      expect.objectContaining({
        name: 'InputError',
        message:
          'integrations.gitea for "git.example.com" has no password or token; pushing needs one',
      }),
    );
  });
});
