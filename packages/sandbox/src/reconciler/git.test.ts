import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GitError, GitSources } from './git';

/** A local repository with branches and tags that name the same thing in different ways. */
function makeRepository(dir: string) {
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 'EDP Test',
    GIT_AUTHOR_EMAIL: 'test@sandbox.local',
    GIT_COMMITTER_NAME: 'EDP Test',
    GIT_COMMITTER_EMAIL: 'test@sandbox.local',
  };
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: dir, env, encoding: 'utf8' }).trim();
  const commit = (file: string) => {
    fs.writeFileSync(path.join(dir, 'file.txt'), file);
    git('add', '-A');
    git('commit', '--quiet', '-m', file);
    return git('rev-parse', 'HEAD');
  };
  git('init', '--quiet', '--initial-branch=main');
  const first = commit('first');
  git('tag', 'light', first);
  git('tag', '-a', '-m', 'annotated', 'release', first);
  const second = commit('second');
  // A branch and a tag of the same name: ArgoCD takes the branch.
  git('branch', 'same', second);
  git('tag', 'same', first);
  return { first, second };
}

describe('GitSources', () => {
  let root: string;
  let commits: { first: string; second: string };
  let sources: GitSources;

  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'edp-git-sources-'));
    fs.mkdirSync(path.join(root, 'origin'));
    commits = makeRepository(path.join(root, 'origin'));
    sources = new GitSources(path.join(root, 'cache'), { fetchCacheMs: 0 });
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  const resolve = async (targetRevision?: string) =>
    (await sources.checkout(path.join(root, 'origin'), targetRevision))
      .revision;

  it('resolves HEAD, branches, tags (annotated ones to their commit) and SHAs as ArgoCD does', async () => {
    expect(await resolve(undefined)).toBe(commits.second);
    expect(await resolve('HEAD')).toBe(commits.second);
    expect(await resolve('main')).toBe(commits.second);
    expect(await resolve('light')).toBe(commits.first);
    expect(await resolve('release')).toBe(commits.first);
    expect(await resolve('same')).toBe(commits.second);
    expect(await resolve(commits.first)).toBe(commits.first);
    expect(await resolve(commits.first.slice(0, 10))).toBe(commits.first);
  });

  it('extracts the tree of the resolved commit', async () => {
    const out = await sources.checkout(path.join(root, 'origin'), 'release');
    expect(fs.readFileSync(path.join(out.dir, 'file.txt'), 'utf8')).toBe(
      'first',
    );
  });

  it('names a revision that does not exist', async () => {
    await expect(resolve('nowhere')).rejects.toThrow(
      new GitError("unable to resolve 'nowhere' to a commit SHA"),
    );
  });
});
