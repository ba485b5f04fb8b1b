/** Helpers for tests that run the real `terraform` / `tofu` executables as child processes. */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Tests run from source, so the package folder is two levels up from here.
// eslint-disable-next-line no-restricted-syntax
const PACKAGE_DIR = path.resolve(__dirname, '..', '..');
export const BIN_DIR = path.join(PACKAGE_DIR, 'bin');
export const MODULES_DIR = path.join(PACKAGE_DIR, 'modules');

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON lines (only meaningful with -json). */
  lines: any[];
}

export interface Started {
  child: ChildProcess;
  output: { stdout: string; stderr: string };
  done: Promise<RunResult>;
}

const created: string[] = [];
const children: ChildProcess[] = [];

/** Stops runs a failed test left behind, then removes the working directories (call in afterAll). */
export function removeWorkdirs(): void {
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null)
      child.kill('SIGKILL');
  for (const dir of created.splice(0))
    fs.rmSync(dir, { recursive: true, force: true });
}

/** A fresh working directory, optionally filled with files or a copy of a sample module. */
export function makeWorkdir(
  files: Record<string, string> | string = {},
): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tf-standin-'));
  created.push(dir);
  if (typeof files === 'string')
    fs.cpSync(path.join(MODULES_DIR, files), dir, { recursive: true });
  else
    for (const [name, text] of Object.entries(files))
      fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env))
    if (!k.startsWith('TF_')) env[k] = v;
  return { ...env, ...extra };
}

export function startTerraform(
  args: string[],
  opts: {
    cwd: string;
    env?: Record<string, string>;
    bin?: 'terraform' | 'tofu';
  },
): Started {
  const child = spawn(
    process.execPath,
    [path.join(BIN_DIR, opts.bin ?? 'terraform'), ...args],
    {
      cwd: opts.cwd,
      env: cleanEnv(opts.env ?? {}),
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  children.push(child);
  const output = { stdout: '', stderr: '' };
  child.stdout!.on('data', d => (output.stdout += d));
  child.stderr!.on('data', d => (output.stderr += d));
  const done = new Promise<RunResult>(resolve => {
    child.on('close', (code, signal) => {
      const lines = output.stdout
        .split('\n')
        .filter(l => l.startsWith('{'))
        .map(l => {
          try {
            return JSON.parse(l);
          } catch {
            return { unparsable: l };
          }
        });
      resolve({ code, signal, ...output, lines });
    });
  });
  return { child, output, done };
}

export function runTerraform(
  args: string[],
  opts: {
    cwd: string;
    env?: Record<string, string>;
    bin?: 'terraform' | 'tofu';
    input?: string;
  },
): Promise<RunResult> {
  const started = startTerraform(args, opts);
  started.child.stdin!.end(opts.input ?? '');
  return started.done;
}

/** Resolves once `predicate` is true, polling every 50 ms (fails after `timeoutMs`). */
export async function waitFor(
  predicate: () => boolean,
  timeoutMs = 15_000,
  what = 'condition',
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 50));
  }
}

export function readJson(file: string): any {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}
