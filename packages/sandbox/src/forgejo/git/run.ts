import { execFile, spawn } from 'node:child_process';

/** Environment for every git call: no user config, no prompts, a fixed locale. */
export function gitEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    LANG: 'C',
    LC_ALL: 'C',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_TERMINAL_PROMPT: '0',
    ...extra,
  };
}

export class GitError extends Error {
  constructor(
    readonly args: string[],
    readonly code: number | null,
    readonly stderr: string,
  ) {
    super(`git ${args.join(' ')} failed (${code}): ${stderr.trim()}`);
    this.name = 'GitError';
  }
}

/** Runs git with an argument array (never a shell) and returns stdout as a string. */
export function git(
  args: string[],
  options: {
    cwd?: string;
    env?: Record<string, string>;
    input?: string | Buffer;
  } = {},
): Promise<string> {
  return gitBuffer(args, options).then(b => b.toString('utf8'));
}

/** Like `git`, returning raw bytes (file contents, archives). */
export function gitBuffer(
  args: string[],
  options: {
    cwd?: string;
    env?: Record<string, string>;
    input?: string | Buffer;
  } = {},
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (options.input === undefined) {
      execFile(
        'git',
        args,
        {
          cwd: options.cwd,
          env: gitEnv(options.env),
          encoding: 'buffer',
          maxBuffer: 64 * 1024 * 1024,
        },
        (err, stdout, stderr) => {
          if (err)
            reject(
              new GitError(
                args,
                (err as any).code ?? null,
                stderr.toString('utf8'),
              ),
            );
          else resolve(stdout);
        },
      );
      return;
    }
    const child = spawn('git', args, {
      cwd: options.cwd,
      env: gitEnv(options.env),
    });
    const out: Buffer[] = [];
    const errOut: Buffer[] = [];
    child.stdout.on('data', d => out.push(d));
    child.stderr.on('data', d => errOut.push(d));
    child.on('error', reject);
    child.on('close', code => {
      if (code === 0) resolve(Buffer.concat(out));
      else
        reject(
          new GitError(args, code, Buffer.concat(errOut).toString('utf8')),
        );
    });
    child.stdin.end(options.input);
  });
}
