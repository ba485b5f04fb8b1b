import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Sandbox } from '../host/sandbox';
import { startTestSandbox } from '../testing';
import { forgejoClient, TOKEN } from './__testUtils__/forgejoTestApi';

jest.setTimeout(120_000);

/** Runs the system git with no user configuration and no prompts; resolves with stdout or rejects with stderr. */
function git(args: string[], cwd?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      ['-c', 'user.name=Test', '-c', 'user.email=test@sandbox.local', ...args],
      {
        cwd,
        env: {
          PATH: process.env.PATH,
          HOME: os.tmpdir(),
          GIT_TERMINAL_PROMPT: '0',
          GIT_CONFIG_NOSYSTEM: '1',
          GIT_CONFIG_GLOBAL: '/dev/null',
        },
      },
      (err, stdout, stderr) =>
        err ? reject(new Error(stderr || err.message)) : resolve(stdout),
    );
  });
}

describe('Forgejo stand-in: git over smart HTTP', () => {
  let sandbox: Sandbox;
  let baseUrl: string;
  let call: ReturnType<typeof forgejoClient>;
  let work: string;
  const url = (repo: string, credentials = '') =>
    `${baseUrl.replace('http://', `http://${credentials}`)}/${repo}.git`;

  beforeAll(async () => {
    sandbox = await startTestSandbox(['forgejo']);
    baseUrl = sandbox.endpoints.forgejo.api;
    call = forgejoClient(baseUrl);
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'forgejo-git-test-'));
  });
  afterAll(async () => {
    await sandbox.stop();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('clones a seeded repository anonymously, with its history, branches and tags', async () => {
    const dir = path.join(work, 'payments');
    await git(['clone', '--quiet', url('platform/payments-api'), dir]);
    expect(
      fs.readFileSync(path.join(dir, 'catalog-info.yaml'), 'utf8'),
    ).toContain('name: payments-api');
    expect((await git(['rev-list', '--count', 'HEAD'], dir)).trim()).toBe('6');
    const remote = await git(['ls-remote', url('platform/payments-api')]);
    expect(remote).toContain('refs/heads/feature/refunds');
    expect(remote).toContain('refs/tags/v1.1.0');
    const { body: head } = await call(
      'GET',
      '/repos/platform/payments-api/git/commits/main',
    );
    expect((await git(['rev-parse', 'HEAD'], dir)).trim()).toBe(head.sha);
  });

  it('pushes with a token to a repository created through the API, and the API reflects the push', async () => {
    await call('POST', '/orgs/platform/repos', {
      body: { name: 'pushed', default_branch: 'main' },
    });
    const dir = path.join(work, 'pushed');
    fs.mkdirSync(dir);
    await git(['init', '--quiet', '--initial-branch=main'], dir);
    fs.writeFileSync(path.join(dir, 'main.py'), 'print("hello")\n');
    await git(['add', '.'], dir);
    await git(['commit', '--quiet', '-m', 'First push'], dir);
    // Any user name with the token as password, as Backstage's initRepoAndPush sends it.
    await git(
      ['push', '--quiet', url('platform/pushed', `x-token:${TOKEN}@`), 'main'],
      dir,
    );

    const { body: repo } = await call('GET', '/repos/platform/pushed');
    expect(repo).toMatchObject({
      empty: false,
      language: 'Python',
      default_branch: 'main',
    });
    const { body: commits } = await call(
      'GET',
      '/repos/platform/pushed/commits',
    );
    expect(commits.map((c: any) => c.commit.message)).toEqual(['First push\n']);
  });

  it('makes the first pushed branch the default when the configured one was not pushed', async () => {
    await call('POST', '/user/repos', {
      body: { name: 'first-branch', default_branch: 'main' },
    });
    const dir = path.join(work, 'first-branch');
    fs.mkdirSync(dir);
    await git(['init', '--quiet', '--initial-branch=develop'], dir);
    await git(['commit', '--quiet', '--allow-empty', '-m', 'start'], dir);
    await git(
      [
        'push',
        '--quiet',
        url('edp-bot/first-branch', 'edp-bot:sandbox-forgejo-password@'),
        'develop',
      ],
      dir,
    );
    expect(
      (await call('GET', '/repos/edp-bot/first-branch')).body.default_branch,
    ).toBe('develop');
  });

  it('refuses pushes without credentials, with a wrong password, from non-members and to archived repositories', async () => {
    const dir = path.join(work, 'payments');
    await git(
      ['commit', '--quiet', '--allow-empty', '-m', 'should not land'],
      dir,
    );
    await expect(
      git(['push', url('platform/payments-api'), 'HEAD:main'], dir),
    ).rejects.toThrow(/Authentication failed|could not read Username/);
    await expect(
      git(
        ['push', url('platform/payments-api', 'edp-bot:wrong@'), 'HEAD:main'],
        dir,
      ),
    ).rejects.toThrow(/Authentication failed|401/);
    await expect(
      git(
        [
          'push',
          url('platform/payments-api', 'carol:sandbox-carol-password@'),
          'HEAD:main',
        ],
        dir,
      ),
    ).rejects.toThrow(/403/);
    await expect(
      git(
        [
          'push',
          url('platform/legacy-billing', `edp-bot:${TOKEN}@`),
          'HEAD:master',
        ],
        dir,
      ),
    ).rejects.toThrow(/403/);
    expect(
      (await call('GET', '/repos/platform/payments-api/commits?limit=1'))
        .body[0].commit.message,
    ).not.toContain('should not land');
  });

  it('keeps private repositories from anonymous clones and serves them to members', async () => {
    await expect(git(['ls-remote', url('labs/recommender')])).rejects.toThrow();
    expect(
      await git(['ls-remote', url('labs/recommender', `edp-bot:${TOKEN}@`)]),
    ).toContain('refs/heads/develop');
  });

  it('fetches many refs at once (git gzips such request bodies)', async () => {
    const dir = path.join(work, 'pushed');
    for (let i = 0; i < 40; i++) await git(['tag', `v0.0.${i}`], dir);
    await git(
      [
        'push',
        '--quiet',
        '--tags',
        url('platform/pushed', `edp-bot:${TOKEN}@`),
      ],
      dir,
    );
    const copy = path.join(work, 'pushed-copy');
    await git([
      '-c',
      'protocol.version=0',
      'clone',
      '--quiet',
      url('platform/pushed'),
      copy,
    ]);
    expect((await git(['tag'], copy)).split('\n').filter(Boolean)).toHaveLength(
      40,
    );
  });

  it('inflates gzip request bodies (Content-Encoding: gzip) for http-backend', async () => {
    const { body: head } = await call(
      'GET',
      '/repos/platform/payments-api/git/commits/main',
    );
    const pkt = (line: string) =>
      `${(line.length + 4).toString(16).padStart(4, '0')}${line}`;
    const request = `${pkt(`want ${head.sha}\n`)}0000${pkt('done\n')}`;
    const res = await fetch(`${url('platform/payments-api')}/git-upload-pack`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-git-upload-pack-request',
        'Content-Encoding': 'gzip',
      },
      body: zlib.gzipSync(request),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(
      'application/x-git-upload-pack-result',
    );
    const reply = Buffer.from(await res.arrayBuffer());
    expect(reply.subarray(0, 8).toString()).toBe('0008NAK\n');
    expect(reply.includes(Buffer.from('PACK'))).toBe(true);
  });
});
