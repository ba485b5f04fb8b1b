import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { git } from './run';

export interface BuildCommit {
  message: string;
  author: { name: string; email: string };
  date: Date;
  files: Record<string, string>;
  delete: string[];
}

export interface BuiltRepository {
  /** Commit ids of the default branch, oldest first. */
  mainline: string[];
  /** Head commit per branch. */
  heads: Map<string, string>;
}

/** Creates an empty bare repository whose HEAD names `defaultBranch`. */
export async function initBareRepository(
  gitDir: string,
  defaultBranch: string,
): Promise<void> {
  fs.mkdirSync(path.dirname(gitDir), { recursive: true });
  await git([
    'init',
    '--quiet',
    '--bare',
    `--initial-branch=${defaultBranch}`,
    gitDir,
  ]);
  // Pushes are authorised by the stand-in before git sees them.
  await git(['--git-dir', gitDir, 'config', 'http.receivepack', 'true']);
}

function resolveInside(root: string, file: string): string {
  const full = path.resolve(root, file);
  if (!full.startsWith(`${root}${path.sep}`))
    throw new Error(`seed file path "${file}" leaves the repository`);
  return full;
}

async function commitAll(work: string, commit: BuildCommit): Promise<string> {
  for (const [file, content] of Object.entries(commit.files)) {
    const full = resolveInside(work, file);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, content);
  }
  for (const file of commit.delete)
    fs.rmSync(resolveInside(work, file), { force: true });
  await git(['add', '--all'], { cwd: work });
  const when = `@${Math.floor(commit.date.getTime() / 1000)} +0000`;
  await git(
    ['commit', '--quiet', '--allow-empty', '--no-verify', '-m', commit.message],
    {
      cwd: work,
      env: {
        GIT_AUTHOR_NAME: commit.author.name,
        GIT_AUTHOR_EMAIL: commit.author.email,
        GIT_AUTHOR_DATE: when,
        GIT_COMMITTER_NAME: commit.author.name,
        GIT_COMMITTER_EMAIL: commit.author.email,
        GIT_COMMITTER_DATE: when,
      },
    },
  );
  return (await git(['rev-parse', 'HEAD'], { cwd: work })).trim();
}

/**
 * Builds real history in a scratch work tree and pushes every branch and tag into a new bare repository.
 * Branches fork from a commit of the default branch (`from`, an index into `mainline`).
 */
export async function buildRepository(options: {
  gitDir: string;
  defaultBranch: string;
  mainline: BuildCommit[];
  branches: Array<{ name: string; from?: number; commits: BuildCommit[] }>;
  tags: Array<{ name: string; sha: (built: BuiltRepository) => string }>;
}): Promise<BuiltRepository> {
  await initBareRepository(options.gitDir, options.defaultBranch);
  const built: BuiltRepository = { mainline: [], heads: new Map() };
  if (options.mainline.length === 0) return built;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'edp-forgejo-seed-'));
  try {
    await git([
      'init',
      '--quiet',
      `--initial-branch=${options.defaultBranch}`,
      work,
    ]);
    for (const commit of options.mainline)
      built.mainline.push(await commitAll(work, commit));
    built.heads.set(
      options.defaultBranch,
      built.mainline[built.mainline.length - 1],
    );
    for (const branch of options.branches) {
      const from = built.mainline[branch.from ?? built.mainline.length - 1];
      if (!from)
        throw new Error(
          `branch ${branch.name}: "from: ${branch.from}" is not a commit of ${options.defaultBranch}`,
        );
      await git(['checkout', '--quiet', '-b', branch.name, from], {
        cwd: work,
      });
      let head = from;
      for (const commit of branch.commits) head = await commitAll(work, commit);
      built.heads.set(branch.name, head);
      await git(['checkout', '--quiet', options.defaultBranch], { cwd: work });
    }
    for (const tag of options.tags)
      await git(['tag', tag.name, tag.sha(built)], { cwd: work });
    await git(['push', '--quiet', '--mirror', options.gitDir], { cwd: work });
    return built;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
