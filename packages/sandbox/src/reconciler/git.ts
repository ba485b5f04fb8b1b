import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface GitAuth {
  username: string;
  password: string;
}

export interface ResolvedSource {
  /** The commit SHA the revision pointed at. */
  revision: string;
  /** A folder holding the tree of that commit (read-only for callers). */
  dir: string;
}

/** A git failure with the command's stderr, readable in an Application condition. */
export class GitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GitError';
  }
}

/**
 * Fetches Application sources with the system git: one cached clone per repository URL, one
 * extracted tree per commit. Credentials go through the environment (GIT_CONFIG_*), never argv.
 */
export class GitSources {
  private readonly lastFetch = new Map<string, number>();
  private readonly inflight = new Map<string, Promise<void>>();
  /** The environment of every git call, built once: copying process.env is slow and git runs often. */
  private readonly env: NodeJS.ProcessEnv;

  constructor(
    private readonly workDir: string,
    private readonly options: {
      auth?: GitAuth;
      fetchCacheMs: number;
      timeoutMs?: number;
    },
  ) {
    fs.mkdirSync(path.join(workDir, 'repos'), { recursive: true });
    fs.mkdirSync(path.join(workDir, 'trees'), { recursive: true });
    this.env = {
      ...process.env,
      GIT_TERMINAL_PROMPT: '0',
      GIT_ASKPASS: 'true',
    };
    if (options.auth) {
      const basic = Buffer.from(
        `${options.auth.username}:${options.auth.password}`,
      ).toString('base64');
      this.env.GIT_CONFIG_COUNT = '1';
      this.env.GIT_CONFIG_KEY_0 = 'http.extraHeader';
      this.env.GIT_CONFIG_VALUE_0 = `Authorization: Basic ${basic}`;
    }
  }

  private git(
    args: string[],
    cwd?: string,
    extraEnv: NodeJS.ProcessEnv = {},
  ): Promise<string> {
    return new Promise((resolve, reject) => {
      execFile(
        'git',
        args,
        {
          cwd,
          env: { ...this.env, ...extraEnv },
          timeout: this.options.timeoutMs ?? 30_000,
          maxBuffer: 64 * 1024 * 1024,
        },
        (err, stdout, stderr) => {
          if (err)
            reject(
              new GitError(
                `git ${args[0]} failed: ${(stderr || err.message)
                  .trim()
                  .split('\n')
                  .slice(-3)
                  .join(' ')}`,
              ),
            );
          else resolve(stdout);
        },
      );
    });
  }

  private repoDir(repoURL: string): string {
    return path.join(
      this.workDir,
      'repos',
      createHash('sha256').update(repoURL).digest('hex').slice(0, 16),
    );
  }

  /** Clones or fetches the repository, at most once per `fetchCacheMs` unless `force`. */
  private async fetch(repoURL: string, force: boolean): Promise<string> {
    const dir = this.repoDir(repoURL);
    const last = this.lastFetch.get(repoURL) ?? 0;
    if (
      !force &&
      Date.now() - last < this.options.fetchCacheMs &&
      fs.existsSync(dir)
    )
      return dir;
    let pending = this.inflight.get(repoURL);
    if (!pending) {
      pending = (async () => {
        if (!fs.existsSync(path.join(dir, 'HEAD'))) {
          fs.rmSync(dir, { recursive: true, force: true });
          await this.git(['clone', '--bare', '--quiet', repoURL, dir]);
        } else {
          await this.git(
            [
              'fetch',
              '--quiet',
              '--prune',
              '--force',
              'origin',
              '+refs/heads/*:refs/heads/*',
              '+refs/tags/*:refs/tags/*',
            ],
            dir,
          );
        }
        this.lastFetch.set(repoURL, Date.now());
      })().finally(() => this.inflight.delete(repoURL));
      this.inflight.set(repoURL, pending);
    }
    await pending;
    return dir;
  }

  /**
   * The commit a targetRevision (branch, tag, SHA, HEAD or empty) names: a branch before a tag before
   * anything else. One git call for HEAD, a branch or a lightweight tag (for-each-ref reads both
   * refs at once); a second one only to peel an annotated tag or to read a SHA.
   */
  private async resolve(
    dir: string,
    targetRevision: string | undefined,
  ): Promise<string> {
    const rev =
      !targetRevision || targetRevision === 'HEAD' ? 'HEAD' : targetRevision;
    let candidate = rev;
    if (rev !== 'HEAD') {
      const refs = new Map(
        (
          await this.git(
            [
              'for-each-ref',
              '--format=%(refname) %(objecttype) %(objectname)',
              `refs/heads/${rev}`,
              `refs/tags/${rev}`,
            ],
            dir,
          )
        )
          .split('\n')
          .filter(Boolean)
          .map(line => {
            const [ref, type, object] = line.split(' ');
            return [ref, { type, object }] as const;
          }),
      );
      const ref = [`refs/heads/${rev}`, `refs/tags/${rev}`].find(r =>
        refs.has(r),
      );
      if (ref && refs.get(ref)!.type === 'commit') return refs.get(ref)!.object;
      if (ref) candidate = ref;
    }
    try {
      return (
        await this.git(
          ['rev-parse', '--verify', '--quiet', `${candidate}^{commit}`],
          dir,
        )
      ).trim();
    } catch {
      throw new GitError(`unable to resolve '${rev}' to a commit SHA`);
    }
  }

  /** Fetches, resolves and extracts the source; the tree folder is reused for the same commit. */
  async checkout(
    repoURL: string,
    targetRevision: string | undefined,
    options: { force?: boolean } = {},
  ): Promise<ResolvedSource> {
    const dir = await this.fetch(repoURL, !!options.force);
    const revision = await this.resolve(dir, targetRevision);
    const tree = path.join(this.workDir, 'trees', revision);
    if (!fs.existsSync(tree)) {
      const staging = `${tree}.${process.pid}.${Date.now()}`;
      fs.mkdirSync(staging, { recursive: true });
      // A private index per extraction, so that concurrent reconciles of one repository never meet.
      const index = `${staging}.index`;
      try {
        await this.git(
          ['--work-tree', staging, 'checkout', '--force', revision, '--', '.'],
          dir,
          { GIT_INDEX_FILE: index },
        );
      } finally {
        fs.rmSync(index, { force: true });
      }
      try {
        fs.renameSync(staging, tree);
      } catch {
        fs.rmSync(staging, { recursive: true, force: true }); // another reconcile extracted it first
      }
    }
    return { revision, dir: tree };
  }

  /** Author, date and message of a commit the cache already holds. */
  async commitMetadata(repoURL: string, revision: string) {
    const dir = await this.fetch(repoURL, false);
    const out = await this.git(
      ['show', '-s', '--format=%an <%ae>%x00%aI%x00%B', revision],
      dir,
    );
    const [author, date, message] = out.split('\u0000');
    const tags = (await this.git(['tag', '--points-at', revision], dir))
      .split('\n')
      .filter(Boolean);
    return { author, date, message: message?.trim(), tags };
  }
}
