import { spawn } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';

/*
 * Why not executeShellCommand from @backstage/plugin-scaffolder-node:
 * - it rejects on every non-zero exit, but `plan -detailed-exitcode` exits 2 for "changes present";
 * - on abort it cannot stop Terraform gracefully: Terraform needs SIGINT first (finish in-flight
 *   operations, write state, release the lock) and SIGKILL only after a grace period;
 * - it writes raw stdout to the log, while we must parse the -json stream and redact secrets first.
 * So this small runner spawns with an argument array (never a shell), in its own process group
 * (detached) so the signals reach Terraform and any provider plugins it started.
 */

/** @public */
export interface RunProcessOptions {
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Called for each complete stdout line when `collectStdout` is false, and for every stderr line. */
  onLine: (line: string, stream: 'stdout' | 'stderr') => void;
  /** Keep stdout as one string instead of passing lines (for `output -json`, `show -json`). */
  collectStdout?: boolean;
  signal?: AbortSignal;
  /** Time between SIGINT and SIGKILL once `signal` aborts. */
  gracePeriodMs: number;
}

/** @public */
export interface RunProcessResult {
  exitCode: number | null;
  /** Signal that ended the process, if any. */
  exitSignal: NodeJS.Signals | null;
  stdout: string;
  /** The abort signal fired while the process ran. */
  cancelled: boolean;
  /** The grace period ran out and the group got SIGKILL. */
  killed: boolean;
  pid?: number;
}

const MAX_COLLECTED_BYTES = 256 * 1024 * 1024;

function signalGroup(pid: number, sig: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, sig);
    return true;
  } catch {
    return false; // ESRCH: the whole group is already gone
  }
}

/** True while any process of the group still exists. @public */
export function processGroupAlive(pid: number): boolean {
  return signalGroup(pid, 0 as unknown as NodeJS.Signals);
}

function lineSplitter(onLine: (line: string) => void) {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  return {
    write(chunk: Buffer) {
      pending += decoder.write(chunk);
      let newline = pending.indexOf('\n');
      while (newline >= 0) {
        onLine(pending.slice(0, newline).replace(/\r$/, ''));
        pending = pending.slice(newline + 1);
        newline = pending.indexOf('\n');
      }
    },
    end() {
      pending += decoder.end();
      if (pending) onLine(pending);
      pending = '';
    },
  };
}

/** Runs one CLI command to completion; never rejects for a non-zero exit code. @public */
export function runProcess(
  options: RunProcessOptions,
): Promise<RunProcessResult> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) {
      resolve({
        exitCode: null,
        exitSignal: null,
        stdout: '',
        cancelled: true,
        killed: false,
      });
      return;
    }
    const child = spawn(options.command, options.args, {
      cwd: options.cwd,
      env: options.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let cancelled = false;
    let killed = false;
    let killTimer: NodeJS.Timeout | undefined;
    const collected: Buffer[] = [];
    let collectedBytes = 0;

    const stdoutLines = lineSplitter(line => options.onLine(line, 'stdout'));
    const stderrLines = lineSplitter(line => options.onLine(line, 'stderr'));
    child.stdout.on('data', (chunk: Buffer) => {
      if (!options.collectStdout) {
        stdoutLines.write(chunk);
      } else if (collectedBytes < MAX_COLLECTED_BYTES) {
        collected.push(chunk);
        collectedBytes += chunk.length;
      }
    });
    child.stderr.on('data', (chunk: Buffer) => stderrLines.write(chunk));

    const onAbort = () => {
      if (cancelled || child.pid === undefined) return;
      cancelled = true;
      // First SIGINT: Terraform stops scheduling work, finishes what runs, saves state, unlocks.
      signalGroup(child.pid, 'SIGINT');
      killTimer = setTimeout(() => {
        killed = true;
        signalGroup(child.pid!, 'SIGKILL');
      }, options.gracePeriodMs);
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });

    child.on('error', err => {
      options.signal?.removeEventListener('abort', onAbort);
      clearTimeout(killTimer);
      reject(err);
    });
    child.on('close', (exitCode, exitSignal) => {
      options.signal?.removeEventListener('abort', onAbort);
      clearTimeout(killTimer);
      if (!options.collectStdout) stdoutLines.end();
      stderrLines.end();
      // The leader is gone; leftovers of its group (provider plugins) must not outlive a cancel.
      if (
        cancelled &&
        child.pid !== undefined &&
        processGroupAlive(child.pid)
      ) {
        killed = true;
        signalGroup(child.pid, 'SIGKILL');
      }
      resolve({
        exitCode,
        exitSignal,
        stdout: Buffer.concat(collected).toString('utf8'),
        cancelled,
        killed,
        pid: child.pid,
      });
    });
  });
}
