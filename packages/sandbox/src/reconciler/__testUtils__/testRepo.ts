import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const AUTH_ENV = (user: string, password: string) => ({
  ...process.env,
  GIT_TERMINAL_PROMPT: '0',
  GIT_CONFIG_COUNT: '1',
  GIT_CONFIG_KEY_0: 'http.extraHeader',
  GIT_CONFIG_VALUE_0: `Authorization: Basic ${Buffer.from(
    `${user}:${password}`,
  ).toString('base64')}`,
  GIT_AUTHOR_NAME: 'EDP Test',
  GIT_AUTHOR_EMAIL: 'test@sandbox.local',
  GIT_COMMITTER_NAME: 'EDP Test',
  GIT_COMMITTER_EMAIL: 'test@sandbox.local',
});

/** A local working copy that commits files and pushes them to a remote over HTTP (tests only). */
export class TestRepo {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edp-repo-'));
  private readonly env: NodeJS.ProcessEnv;

  constructor(
    private readonly remote: string,
    auth: { user: string; password: string },
  ) {
    this.env = AUTH_ENV(auth.user, auth.password);
    this.git('init', '--quiet', '--initial-branch=main');
  }

  git(...args: string[]): string {
    return execFileSync('git', args, {
      cwd: this.dir,
      env: this.env,
      encoding: 'utf8',
    }).trim();
  }

  /**
   * Writes the files (path -> content; null deletes), commits, pushes main, returns the commit SHA.
   * The push is asynchronous: the git server runs in this same process.
   */
  async commitAndPush(
    files: Record<string, string | null>,
    message: string,
  ): Promise<string> {
    for (const [file, content] of Object.entries(files)) {
      const full = path.join(this.dir, file);
      if (content === null) fs.rmSync(full, { force: true });
      else {
        fs.mkdirSync(path.dirname(full), { recursive: true });
        fs.writeFileSync(full, content);
      }
    }
    this.git('add', '-A');
    this.git('commit', '--quiet', '-m', message);
    await promisify(execFile)(
      'git',
      ['push', '--quiet', this.remote, 'HEAD:refs/heads/main'],
      { cwd: this.dir, env: this.env, timeout: 30_000 },
    );
    return this.git('rev-parse', 'HEAD');
  }

  remove() {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
