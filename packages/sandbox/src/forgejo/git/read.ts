import { readBranchHeads } from './refs';
import { git, gitBuffer, GitError } from './run';

/** One commit as git stores it. */
export interface CommitInfo {
  sha: string;
  tree: string;
  parents: string[];
  author: { name: string; email: string; date: string };
  committer: { name: string; email: string; date: string };
  message: string;
}

/** One entry of a tree (`git ls-tree -l`). */
export interface TreeEntry {
  mode: string;
  type: 'blob' | 'tree' | 'commit';
  sha: string;
  size: number;
  path: string;
  name: string;
}

const FIELD = '\x1f';
const RECORD = '\x1e';
const LOG_FORMAT = `${[
  '%H',
  '%T',
  '%P',
  '%an',
  '%ae',
  '%aI',
  '%cn',
  '%ce',
  '%cI',
  '%B',
].join('%x1f')}%x1e`;

function parseLog(out: string): CommitInfo[] {
  return out
    .split(RECORD)
    .map(r => r.replace(/^\n/, ''))
    .filter(r => r.length > 0)
    .map(r => {
      const [sha, tree, parents, an, ae, ad, cn, ce, cd, message] =
        r.split(FIELD);
      return {
        sha,
        tree,
        parents: parents ? parents.split(' ') : [],
        author: { name: an, email: ae, date: ad },
        committer: { name: cn, email: ce, date: cd },
        message: message ?? '',
      };
    });
}

/** Resolves a branch, tag or (abbreviated) commit id to a full commit id; undefined when unknown. */
export async function resolveCommit(
  gitDir: string,
  ref: string,
): Promise<string | undefined> {
  if (!ref || ref.startsWith('-')) return undefined;
  // Branch heads are read from the ref files: most lookups then cost no git process.
  const head = readBranchHeads(gitDir).get(ref);
  if (head) return head;
  for (const candidate of [`refs/heads/${ref}`, `refs/tags/${ref}`, ref]) {
    try {
      const out = await git([
        '--git-dir',
        gitDir,
        'rev-parse',
        '--verify',
        '--quiet',
        `${candidate}^{commit}`,
      ]);
      const sha = out.trim();
      if (sha) return sha;
    } catch {
      // try the next kind of ref
    }
  }
  return undefined;
}

/** Branch names and their head commits. */
export async function listBranches(
  gitDir: string,
): Promise<Array<{ name: string; sha: string }>> {
  const out = await git([
    '--git-dir',
    gitDir,
    'for-each-ref',
    '--format=%(refname:lstrip=2)%00%(objectname)',
    'refs/heads',
  ]);
  return out
    .split('\n')
    .filter(Boolean)
    .map(line => {
      const [name, sha] = line.split('\0');
      return { name, sha };
    });
}

export async function isEmptyRepository(gitDir: string): Promise<boolean> {
  return (await listBranches(gitDir)).length === 0;
}

/** Commits reachable from `sha`, newest first, optionally touching `path`. */
export async function logCommits(
  gitDir: string,
  sha: string,
  options: { skip?: number; max?: number; path?: string; not?: string } = {},
): Promise<CommitInfo[]> {
  const args = ['--git-dir', gitDir, 'log', `--format=${LOG_FORMAT}`];
  if (options.skip) args.push(`--skip=${options.skip}`);
  if (options.max !== undefined) args.push(`--max-count=${options.max}`);
  args.push(sha);
  if (options.not) args.push(`^${options.not}`);
  args.push('--');
  if (options.path) args.push(options.path);
  return parseLog(await git(args));
}

export async function countCommits(
  gitDir: string,
  sha: string,
  options: { path?: string; not?: string } = {},
): Promise<number> {
  const args = ['--git-dir', gitDir, 'rev-list', '--count', sha];
  if (options.not) args.push(`^${options.not}`);
  args.push('--');
  if (options.path) args.push(options.path);
  return Number((await git(args)).trim());
}

/** Commits read by `getCommit`: a commit id names fixed content, so an answer never goes stale. */
const commits = new Map<string, CommitInfo>();
const COMMITS_KEPT = 10_000;

export async function getCommit(
  gitDir: string,
  sha: string,
): Promise<CommitInfo> {
  const key = `${gitDir}@${sha}`;
  const known = commits.get(key);
  if (known) return known;
  const [commit] = parseLog(
    await git([
      '--git-dir',
      gitDir,
      'log',
      '-1',
      `--format=${LOG_FORMAT}`,
      sha,
      '--',
    ]),
  );
  // Only full commit ids are kept (a branch name moves); the oldest entry goes when full.
  if (commit?.sha === sha) {
    if (commits.size >= COMMITS_KEPT)
      commits.delete(commits.keys().next().value!);
    commits.set(key, commit);
  }
  return commit;
}

type CommitChange = {
  additions: number;
  deletions: number;
  files: Array<{ filename: string; status: string }>;
};

/** Changes read by `commitChanges`, per repository and commit id (a commit's changes never change). */
const changes = new Map<string, CommitChange>();

/**
 * Per commit: line stats and the changed files with their status (added, modified, deleted...).
 * Commits read before cost no git process.
 */
export async function commitChanges(
  gitDir: string,
  shas: string[],
): Promise<Map<string, CommitChange>> {
  const result = new Map<string, CommitChange>();
  const missing = shas.filter(sha => {
    const known = changes.get(`${gitDir}@${sha}`);
    if (known) result.set(sha, known);
    return !known;
  });
  const read = await readCommitChanges(gitDir, missing);
  for (const [sha, change] of read) {
    if (changes.size >= COMMITS_KEPT)
      changes.delete(changes.keys().next().value!);
    changes.set(`${gitDir}@${sha}`, change);
    result.set(sha, change);
  }
  return result;
}

async function readCommitChanges(
  gitDir: string,
  shas: string[],
): Promise<
  Map<
    string,
    {
      additions: number;
      deletions: number;
      files: Array<{ filename: string; status: string }>;
    }
  >
> {
  const result = new Map<
    string,
    {
      additions: number;
      deletions: number;
      files: Array<{ filename: string; status: string }>;
    }
  >();
  if (shas.length === 0) return result;
  const base = [
    '--git-dir',
    gitDir,
    'show',
    '--no-walk=unsorted',
    '--format=%x1e%H',
    '--first-parent',
    '-m',
  ];
  const [numstat, nameStatus] = await Promise.all([
    git([...base, '--numstat', ...shas, '--']),
    git([...base, '--name-status', ...shas, '--']),
  ]);
  for (const block of numstat.split(RECORD).filter(b => b.trim())) {
    const [sha, ...lines] = block.trim().split('\n');
    let additions = 0;
    let deletions = 0;
    for (const line of lines) {
      const [a, d] = line.split('\t');
      additions += Number(a) || 0;
      deletions += Number(d) || 0;
    }
    result.set(sha, { additions, deletions, files: [] });
  }
  const statusNames: Record<string, string> = {
    A: 'added',
    M: 'modified',
    D: 'removed',
    R: 'renamed',
    C: 'copied',
    T: 'changed',
  };
  for (const block of nameStatus.split(RECORD).filter(b => b.trim())) {
    const [sha, ...lines] = block.trim().split('\n');
    const entry = result.get(sha) ?? { additions: 0, deletions: 0, files: [] };
    for (const line of lines.filter(Boolean)) {
      const parts = line.split('\t');
      entry.files.push({
        filename: parts[parts.length - 1],
        status: statusNames[parts[0][0]] ?? 'modified',
      });
    }
    result.set(sha, entry);
  }
  return result;
}

function parseTree(out: string, dir: string): TreeEntry[] {
  return out
    .split('\0')
    .filter(Boolean)
    .map(line => {
      const [meta, path] = line.split('\t');
      const [mode, type, sha, size] = meta.split(/\s+/);
      const full =
        dir && !path.startsWith(`${dir}/`) && path !== dir
          ? `${dir}/${path}`
          : path;
      return {
        mode,
        type: type as TreeEntry['type'],
        sha,
        size: Number(size) || 0,
        path: full,
        name: full.split('/').pop()!,
      };
    });
}

/** The entry at `path` in commit `sha` (undefined when absent); the root is a tree with path ''. */
export async function statPath(
  gitDir: string,
  sha: string,
  path: string,
): Promise<TreeEntry | undefined> {
  if (path === '') {
    const tree = (
      await git(['--git-dir', gitDir, 'rev-parse', `${sha}^{tree}`])
    ).trim();
    return {
      mode: '040000',
      type: 'tree',
      sha: tree,
      size: 0,
      path: '',
      name: '',
    };
  }
  const out = await git([
    '--git-dir',
    gitDir,
    'ls-tree',
    '-l',
    '-z',
    '--full-tree',
    sha,
    '--',
    path,
  ]);
  return parseTree(out, '').find(e => e.path === path);
}

/** The children of directory `path` (root when ''), in git order. */
export async function listDirectory(
  gitDir: string,
  sha: string,
  path: string,
): Promise<TreeEntry[]> {
  const out = await git([
    '--git-dir',
    gitDir,
    'ls-tree',
    '-l',
    '-z',
    `${sha}:${path}`,
  ]);
  return parseTree(out, path);
}

/** Every file in commit `sha`, recursively. */
export async function listFiles(
  gitDir: string,
  sha: string,
): Promise<TreeEntry[]> {
  const out = await git([
    '--git-dir',
    gitDir,
    'ls-tree',
    '-r',
    '-l',
    '-z',
    '--full-tree',
    sha,
  ]);
  return parseTree(out, '');
}

export function readBlob(gitDir: string, blobSha: string): Promise<Buffer> {
  return gitBuffer(['--git-dir', gitDir, 'cat-file', 'blob', blobSha]);
}

/** The newest commit at or before `sha` that touched `path`. */
export async function lastCommitFor(
  gitDir: string,
  sha: string,
  path: string,
): Promise<CommitInfo | undefined> {
  const args = [
    '--git-dir',
    gitDir,
    'log',
    '-1',
    `--format=${LOG_FORMAT}`,
    sha,
    '--',
  ];
  if (path) args.push(path);
  return parseLog(await git(args))[0];
}

export function archive(
  gitDir: string,
  sha: string,
  format: 'tar.gz' | 'zip',
  prefix: string,
): Promise<Buffer> {
  return gitBuffer([
    '--git-dir',
    gitDir,
    'archive',
    `--format=${format === 'zip' ? 'zip' : 'tar.gz'}`,
    `--prefix=${prefix}/`,
    sha,
  ]);
}

export { GitError };
