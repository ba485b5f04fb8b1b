/*
 * Benchmark of edp:terraform:run against the sandbox's terraform stand-in (real processes).
 *   yarn bench:terraform [iterations]
 * 1. Overhead: the action's wall time for apply (init, plan, show, apply, output) against running
 *    the same stand-in commands directly, one after another, in a fresh workspace each time.
 * 2. Log delay: for every JSON line the CLI prints, the time from its @timestamp (set by the CLI
 *    when it prints) to the moment the action hands the readable line to ctx.logger.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { againstLimit, limitOf } from '@edp/sandbox';
import { createTerraformRunAction } from '../src/actions/run';

const STAND_IN = path.resolve(
  __dirname,
  '../../../packages/sandbox/bin/terraform',
);
const iterations = Number(process.argv[2] ?? 5);

// A module that prints a progress line every 100 ms for 3 s, plus a file and a random name.
const MODULE = `
resource "local_file" "a" {
  filename = "out/a.txt"
  content  = "bench"
}
resource "random_pet" "p" {}
resource "time_sleep" "wait" {
  create_duration = "3s"
}
output "pet" { value = random_pet.p.id }
`;
const EXTRA_ENV = { SANDBOX_TF_PROGRESS_INTERVAL: '0.1' };

/** CPU ms used so far by this process and its reaped children (/proc: immune to other load). */
function cpuMs(): number {
  const stat = fs.readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[13]) + Number(fields[14]); // cutime + cstime (fields 16, 17)
  const self = process.cpuUsage();
  return ticks * 10 + (self.user + self.system) / 1000;
}

interface Sample {
  wallMs: number;
  cpuMs: number;
}

async function measure(fn: () => Promise<void>): Promise<Sample> {
  const cpu = cpuMs();
  const started = performance.now();
  await fn();
  return { wallMs: performance.now() - started, cpuMs: cpuMs() - cpu };
}

function freshWorkspace(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tf-bench-'));
  fs.mkdirSync(path.join(root, 'workspace', 'infra'), { recursive: true });
  fs.writeFileSync(path.join(root, 'workspace', 'infra', 'main.tf'), MODULE);
  return path.join(root, 'workspace');
}

function run(
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(STAND_IN, args, {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.resume();
    child.stderr.resume();
    child.on('error', reject);
    child.on('close', code => resolve(code ?? -1));
  });
}

/** The same commands the action runs, straight. */
async function direct(): Promise<Sample> {
  const workspace = freshWorkspace();
  const cwd = path.join(workspace, 'infra');
  const planFile = path.join(path.dirname(workspace), 'plan.tfplan');
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0',
    ...EXTRA_ENV,
  };
  return measure(async () => {
    await run(['init', '-input=false', '-json'], cwd, env);
    await run(
      [
        'plan',
        '-input=false',
        '-json',
        '-detailed-exitcode',
        `-out=${planFile}`,
      ],
      cwd,
      env,
    );
    await run(['show', '-json', planFile], cwd, env);
    await run(['apply', '-input=false', '-json', planFile], cwd, env);
    await run(['output', '-json'], cwd, env);
  });
}

const delays: number[] = [];
let lastTimestamp: string | undefined;
// Remember the CLI timestamp of the line being handled: the action parses each stdout line with
// JSON.parse and calls the logger synchronously right after (module exports are read-only, so
// the bench watches JSON.parse instead of patching the action's parser).
const originalParse = JSON.parse;
JSON.parse = ((text: string, reviver?: any) => {
  const parsed = originalParse(text, reviver);
  if (parsed && typeof parsed === 'object' && '@timestamp' in parsed) {
    lastTimestamp = parsed['@timestamp'];
  }
  return parsed;
}) as typeof JSON.parse;

function timingLogger(): LoggerService {
  const record = () => {
    if (lastTimestamp) delays.push(Date.now() - Date.parse(lastTimestamp));
    lastTimestamp = undefined;
  };
  const logger: LoggerService = {
    debug: record,
    info: record,
    warn: record,
    error: record,
    child: () => logger,
  };
  return logger;
}

async function viaAction(): Promise<Sample> {
  const action = createTerraformRunAction({
    config: {
      binary: STAND_IN,
      flavor: 'terraform',
      cancelGracePeriodMs: 60_000,
      modules: {},
    },
    permissions: {
      authorize: async (r: unknown[]) =>
        r.map(() => ({ result: AuthorizeResult.ALLOW })),
    } as any,
    approvals: { consume: async () => {} }, // the bench applies without an approval
  });
  const workspacePath = freshWorkspace();
  const ctx: any = {
    input: {
      workingDirectory: 'infra',
      operation: 'apply',
      env: EXTRA_ENV,
      ephemeralState: true, // measures the CLI, not a state backend
    },
    workspacePath,
    logger: timingLogger(),
    secrets: {},
    task: { id: 'bench' },
    output: () => {},
    checkpoint: async ({ fn }: { fn: () => Promise<unknown> }) => fn(),
    createTemporaryDirectory: async () =>
      fs.mkdtempSync(path.join(path.dirname(workspacePath), 'step-')),
    getInitiatorCredentials: async () => ({
      $$type: '@backstage/BackstageCredentials',
      principal: { type: 'user', userEntityRef: 'user:default/bench' },
    }),
  };
  return measure(() => action.handler(ctx));
}

const median = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ];
};

async function main() {
  // Warm-up (not measured): module loading, the action's cached `version -json`, disk caches.
  await direct();
  await viaAction();
  delays.length = 0;
  const directRuns: Sample[] = [];
  const actionRuns: Sample[] = [];
  for (let i = 0; i < iterations; i++) {
    // Alternate the order so drift on a busy machine hits both sides.
    if (i % 2 === 0) {
      directRuns.push(await direct());
      actionRuns.push(await viaAction());
    } else {
      actionRuns.push(await viaAction());
      directRuns.push(await direct());
    }
  }
  const fmt = (xs: number[]) => xs.map(x => x.toFixed(0)).join(', ');
  const pct = (a: number, d: number) => `${(((a - d) / d) * 100).toFixed(1)}%`;
  const wall = (xs: Sample[]) => xs.map(x => x.wallMs);
  const cpu = (xs: Sample[]) => xs.map(x => x.cpuMs);
  console.log(
    `iterations: ${iterations} (apply of 3 resources, 5 CLI processes each), load average ${os
      .loadavg()[0]
      .toFixed(1)}`,
  );
  console.log(
    `direct wall (ms): ${fmt(wall(directRuns))}   median ${median(
      wall(directRuns),
    ).toFixed(0)}`,
  );
  console.log(
    `action wall (ms): ${fmt(wall(actionRuns))}   median ${median(
      wall(actionRuns),
    ).toFixed(0)}`,
  );
  console.log(
    `direct CPU  (ms): ${fmt(cpu(directRuns))}   median ${median(
      cpu(directRuns),
    ).toFixed(0)}`,
  );
  console.log(
    `action CPU  (ms): ${fmt(cpu(actionRuns))}   median ${median(
      cpu(actionRuns),
    ).toFixed(0)}`,
  );
  console.log(
    `overhead (target < 10%): wall ${pct(
      median(wall(actionRuns)),
      median(wall(directRuns)),
    )} median vs median, ` +
      `CPU ${pct(
        median(cpu(actionRuns)),
        median(cpu(directRuns)),
      )} (CPU counts the action's own work, not other load)`,
  );
  console.log(
    againstLimit(
      'action wall median',
      median(wall(actionRuns)),
      limitOf(
        median(wall(directRuns)),
        'the same 5 CLI processes run directly, one after another, alternating with the action runs',
      ),
    ),
  );
  console.log(
    `log delay, CLI @timestamp -> ctx.logger, ${
      delays.length
    } lines: p50 ${percentile(delays, 50)} ms, ` +
      `p95 ${percentile(delays, 95)} ms, max ${Math.max(
        ...delays,
      )} ms (target p95 < 200 ms)`,
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
