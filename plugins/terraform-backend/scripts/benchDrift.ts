/*
 * Cost of one scheduled drift-check round for N annotated entities (default 100), against the
 * sandbox's Kubernetes and terraform stand-ins (real processes):
 *   yarn bench:terraform            (after the action's benchmark)
 *   node --require @backstage/cli/config/nodeTransform.cjs plugins/terraform-backend/scripts/benchDrift.ts [N] [concurrency]
 * Prints wall time, CLI processes started, and the peak memory of the CLI processes running at once
 * (sum of their RSS, sampled every 20 ms) beside this process's own peak RSS.
 */
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { startTestSandbox } from '@edp/sandbox';
import {
  KubernetesStateStore,
  readTerraformRunConfig,
} from '@edp/plugin-terraform-node';
import { ConfigReader } from '@backstage/config';
import { UpstreamCache } from '@edp/plugin-edp-cache-node';
import { DriftChecks, cliDriftRunner } from '../src/drift/DriftChecks';
import { EntityStates } from '../src/services/EntityStates';

const N = Number(process.argv[2] ?? 100);
const CONCURRENCY = Number(process.argv[3] ?? 2);
const TOKEN = 'sandbox-kube-token';
const REPO = path.resolve(__dirname, '../../..');
const STAND_IN = path.join(REPO, 'packages/sandbox/bin/terraform');
const MODULE = path.join(REPO, 'packages/sandbox/modules/pet-config');

/** RSS (KiB) of every descendant of this process, summed. */
function childrenRssKb(): number {
  try {
    const out = execFileSync('ps', ['-e', '-o', 'pid=,ppid=,rss='], {
      encoding: 'utf8',
    });
    const rows = out
      .trim()
      .split('\n')
      .map(l => l.trim().split(/\s+/).map(Number));
    const mine = new Set([process.pid]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const [pid, ppid] of rows)
        if (mine.has(ppid) && !mine.has(pid)) {
          mine.add(pid);
          grew = true;
        }
    }
    return rows
      .filter(([pid]) => pid !== process.pid && mine.has(pid))
      .reduce((sum, [, , rss]) => sum + rss, 0);
  } catch {
    return 0;
  }
}

async function main() {
  const sandbox = await startTestSandbox(['kubernetes']);
  const kubeApi = sandbox.endpoints.kubernetes.api;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tf-drift-bench-'));
  // A counting wrapper: every CLI process the round starts appends a line.
  const count = path.join(work, 'count');
  const wrapper = path.join(work, 'terraform');
  fs.writeFileSync(
    wrapper,
    `#!/bin/sh\necho x >> ${count}\nexec ${STAND_IN} "$@"\n`,
    { mode: 0o755 },
  );
  // One real apply, then its state copied to N states (the same ConfigMap behind all of them).
  const dir = path.join(work, 'apply');
  fs.cpSync(MODULE, dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'backend.tf'),
    'terraform {\n  backend "kubernetes" {}\n}\n',
  );
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    KUBE_HOST: kubeApi,
    KUBE_TOKEN: TOKEN,
    TF_VAR_name: 'bench',
  };
  const run = promisify(execFile);
  await run(STAND_IN, ['init', '-backend-config=secret_suffix=bench0'], {
    cwd: dir,
    env,
  });
  await run(STAND_IN, ['apply', '-auto-approve'], { cwd: dir, env });
  const headers = {
    authorization: `Bearer ${TOKEN}`,
    'content-type': 'application/json',
  };
  const base = `${kubeApi}/api/v1/namespaces/default/secrets`;
  const original = await (
    await fetch(`${base}/tfstate-default-bench0`, { headers })
  ).json();
  const cluster = {
    cluster: 'sandbox',
    url: kubeApi,
    token: TOKEN,
    skipTLSVerify: true,
  };
  const store = new KubernetesStateStore(cluster);
  const entities = [];
  for (let i = 0; i < N; i++) {
    const name = `tfstate-default-bench${i}`;
    if (i > 0) {
      await fetch(base, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          metadata: {
            name,
            labels: {
              ...original.metadata.labels,
              tfstateSecretSuffix: `bench${i}`,
            },
            annotations: original.metadata.annotations,
          },
          data: original.data,
        }),
      });
    }
    const location = {
      cluster: 'sandbox',
      namespace: 'default',
      secretName: name,
    };
    await store.recordRun(
      location,
      {
        operation: 'apply',
        result: 'succeeded',
        startedAt: new Date().toISOString(),
        finishedAt: new Date().toISOString(),
        taskId: `bench-${i}`,
      },
      { name: 'bench' },
    );
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: `bench-${i}`,
        namespace: 'default',
        annotations: {
          'edp.io/terraform-state': `kubernetes:sandbox/default/${name}`,
          'edp.io/terraform-module': 'pet-config',
        },
      },
      spec: { type: 'terraform-module', owner: 'team' },
    });
  }
  const config = new ConfigReader({
    kubernetes: {
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: [
            {
              name: 'sandbox',
              url: kubeApi,
              serviceAccountToken: TOKEN,
              skipTLSVerify: true,
            },
          ],
        },
      ],
    },
    edp: { terraform: { binary: wrapper, modules: { 'pet-config': MODULE } } },
  });
  const logger: any = {
    debug() {},
    info() {},
    warn() {},
    error() {},
    child: () => logger,
  };
  // No cache in the round (the card's cache is not part of the check's cost).
  const noCache: any = {
    get: async () => undefined,
    set: async () => undefined,
    delete: async () => undefined,
    withOptions: () => noCache,
  };
  const checks = new DriftChecks({
    states: new EntityStates(
      () => store,
      new UpstreamCache(noCache, { ttlMs: 0 }),
    ),
    run: cliDriftRunner(
      config,
      readTerraformRunConfig(config),
      logger,
      300_000,
    ),
    catalog: catalogServiceMock({ entities }),
    auth: mockServices.auth(),
    logger,
    concurrency: CONCURRENCY,
  });

  let peakChildrenKb = 0;
  let peakSelfKb = 0;
  const sampler = setInterval(() => {
    peakChildrenKb = Math.max(peakChildrenKb, childrenRssKb());
    peakSelfKb = Math.max(peakSelfKb, process.memoryUsage().rss / 1024);
  }, 20);
  const started = performance.now();
  const counts = await checks.checkAll();
  const wallMs = performance.now() - started;
  clearInterval(sampler);
  // The seeding apply ran the stand-in directly: only the round's processes are counted.
  const processes = fs.readFileSync(count, 'utf8').trim().split('\n').length;
  console.log(
    `drift check round: ${N} annotated entities, concurrency ${CONCURRENCY}, load average ${os
      .loadavg()[0]
      .toFixed(1)}`,
  );
  console.log(`  results: ${JSON.stringify(counts)}`);
  console.log(
    `  wall ${(wallMs / 1000).toFixed(1)} s (${(wallMs / N).toFixed(
      0,
    )} ms per entity)`,
  );
  console.log(
    `  CLI processes started: ${processes} (${(processes / N).toFixed(
      1,
    )} per entity; including one \`version -json\` per binary, cached)`,
  );
  console.log(
    `  peak memory: CLI processes at once ${(peakChildrenKb / 1024).toFixed(
      0,
    )} MiB, backend process ${(peakSelfKb / 1024).toFixed(0)} MiB RSS`,
  );
  fs.rmSync(work, { recursive: true, force: true });
  await sandbox.stop();
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
