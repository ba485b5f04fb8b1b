/*
 * yarn bench:scale: the portal on PostgreSQL + Redis with one and with two backend replicas behind
 * HAProxy, all on free loopback ports, with the sandbox's stand-ins in this process.
 *
 *   yarn bench:scale                   (from the repository root; about 5 minutes)
 *   BENCH_SECONDS=5 yarn bench:scale   (shorter load phases)
 *   BENCH_REPLICAS=2 yarn bench:scale  (the two-replica phase only)
 *   BENCH_ROUNDS=3 (load rounds), BENCH_RECOVERY=0 (no replica kill),
 *   EDP_BENCH_PORTS=7340-7369 (ports for the servers it starts; free ones otherwise)
 *
 * Prints:
 *  1. upstream requests (Forgejo + ArgoCD stand-ins) for 10 views of one entity page, with one
 *     replica and with two (round robin): equal, because the cards' cache is Redis, shared;
 *  2. run-once: Forgejo discovery's organisation scans while two replicas ran (1 per organisation);
 *  3. request rate and p50/p99 of the card routes (warm) vs GET /api/catalog/entities/by-name at
 *     50 concurrent clients through the load balancer (card p50 as a ratio to the catalog's, its
 *     limit in the same run), in BENCH_ROUNDS rounds, and each replica's RSS once each round's load
 *     stopped: the value after round 1 is the starting value (the heap's high-water mark of this
 *     load), later rounds must stay within 10 % of it;
 *  4. replica-kill recovery: replica 1 SIGKILLed in the middle of a stack provisioning
 *     (provision-stack): when replica 2 reopened the task and when it completed, repository
 *     creations and Applications (nothing twice), and the card requests that failed meanwhile.
 * Every loop is bounded by time or count; only 127.0.0.1 is used.
 */
import {
  againstLimit,
  builtInStandIns,
  limitOf,
  loadSandboxConfig,
  startSandbox,
  type Sandbox,
} from '@edp/sandbox';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT, startCluster, type Cluster } from './cluster';
import { measureTaskRecovery, type RecoveryResult } from './recovery';
import { freePort } from './servers';

const LOAD_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
/** BENCH_REPLICAS=2: only the two-replica phase (throughput, RSS, replica kill). */
const REPLICA_COUNTS = process.env.BENCH_REPLICAS
  ? [Number(process.env.BENCH_REPLICAS)]
  : [1, 2];
const CONCURRENCY = 50;
/** Load rounds (catalog, then cards) whose RSS is compared: BENCH_ROUNDS, default 3. */
const LOAD_ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
/** How long RSS may take to settle after a round. */
const RSS_SETTLE_MS = 30_000;
/** BENCH_RECOVERY=0 leaves out the replica kill (the slowest part). */
const RECOVERY = process.env.BENCH_RECOVERY !== '0';
const DISCOVERY_SECONDS = 30;
const ENTITY = 'component/default/payments-api';
const PAGE_VIEW = [
  `/api/catalog/entities/by-name/${ENTITY}`,
  `/api/forgejo/entity/${ENTITY}/overview`,
  `/api/forgejo/entity/${ENTITY}/ci`,
  `/api/edp-argocd/entity/${ENTITY}/overview`,
  `/api/edp-argocd/entity/${ENTITY}/history`,
];
const CARD_ROUTES = PAGE_VIEW.slice(1);
const CATALOG_ROUTE = PAGE_VIEW[0];

const log = (line: string) => process.stdout.write(`${line}\n`);

/** The sandbox of sandbox.yaml on free ports, and app-config.sandbox.yaml rewritten to them. */
async function startBenchSandbox(dir: string) {
  const standIns = builtInStandIns();
  const config = loadSandboxConfig(
    path.join(REPO_ROOT, 'packages/sandbox/sandbox.yaml'),
    standIns.map(s => s.name),
  );
  const fixed = config.ports;
  const kubernetes = config.services_config.kubernetes ?? {};
  const sandbox = await startSandbox({
    standIns,
    config: {
      ...config,
      ports: Object.fromEntries(Object.keys(fixed).map(k => [k, 0])),
      services_config: {
        ...config.services_config,
        kubernetes: { ...kubernetes, httpsPort: 0 },
      },
    },
  });
  const actual = (name: string) => {
    if (name === 'admin') return sandbox.adminUrl;
    const [service, instance] = name.split(/-(.*)/s);
    return instance
      ? sandbox.endpoints[service][instance]
      : sandbox.endpoints[service].api;
  };
  let text = fs.readFileSync(
    path.join(REPO_ROOT, 'app-config.sandbox.yaml'),
    'utf8',
  );
  for (const [name, port] of Object.entries(fixed)) {
    const url = new URL(actual(name));
    text = text.replaceAll(`127.0.0.1:${port}`, url.host);
  }
  const file = path.join(dir, 'app-config.sandbox.bench.yaml');
  fs.writeFileSync(file, text);
  // Discovery scans every DISCOVERY_SECONDS with patient timeouts: the load generator, the
  // stand-ins and the replicas share the machine's cores.
  const overrides = path.join(dir, 'app-config.bench.yaml');
  fs.writeFileSync(
    overrides,
    [
      'forgejo:',
      '  requestTimeoutMs: 20000',
      'catalog:',
      '  providers:',
      '    forgejo:',
      '      sandbox:',
      '        schedule:',
      `          frequency: { seconds: ${DISCOVERY_SECONDS} }`,
      '          timeout: { minutes: 2 }',
      '          initialDelay: { seconds: 5 }',
      '',
    ].join('\n'),
  );
  return { sandbox, configFiles: [file, overrides] };
}

/** The Forgejo stand-in's request counts by route, discovery's included. */
function forgejoRoutes(sandbox: Sandbox): Record<string, number> {
  return (sandbox.standIns.get('forgejo')!.state as any).counter.snapshot()
    .byRoute;
}

/** Upstream requests the cards cost, by stand-in route (discovery's own reads left out). */
async function upstreamCount(
  sandbox: Sandbox,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const forgejo = (sandbox.standIns.get('forgejo')!.state as any).counter as {
    snapshot(): { byRoute: Record<string, number> };
  };
  for (const [route, n] of Object.entries(forgejo.snapshot().byRoute)) {
    if (/\/orgs\/|\/raw\/|\/contents\/|\/media\//.test(route)) continue;
    counts[`forgejo ${route}`] = n;
  }
  for (const [name, url] of Object.entries(sandbox.endpoints.argocd)) {
    const snapshot = await (await fetch(`${url}/sandbox/requests`)).json();
    const byRoute: Record<string, number> =
      snapshot.byRoute ?? snapshot.routes ?? {};
    for (const [route, n] of Object.entries(byRoute)) {
      if (/session/.test(route)) continue;
      counts[`argocd-${name} ${route}`] = n;
    }
  }
  return counts;
}

const total = (c: Record<string, number>) =>
  Object.values(c).reduce((a, b) => a + b, 0);

function diff(after: Record<string, number>, before: Record<string, number>) {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(after)) {
    if (v - (before[k] ?? 0) > 0) out[k] = v - (before[k] ?? 0);
  }
  return out;
}

async function guestToken(baseUrl: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  if (!res.ok) throw new Error(`guest sign-in: ${res.status}`);
  return (await res.json()).backstageIdentity.token;
}

async function get(baseUrl: string, route: string, token: string) {
  const res = await fetch(`${baseUrl}${route}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  await res.arrayBuffer();
  return res.status;
}

async function waitForEntity(baseUrl: string, token: string) {
  const deadline = Date.now() + 300_000;
  let status = 0;
  while (Date.now() < deadline) {
    status = await get(baseUrl, CATALOG_ROUTE, token).catch(() => 0);
    if (status === 200) return;
    await new Promise(r => setTimeout(r, 1000));
  }
  throw new Error(
    `${ENTITY} was not discovered within 300 s (last answer ${status})`,
  );
}

async function pageViews(
  baseUrls: string[],
  token: string,
  views: number,
): Promise<void> {
  for (let i = 0; i < views; i++) {
    // A page's cards load together; with two replicas they land on both.
    const statuses = await Promise.all(
      PAGE_VIEW.map((route, j) =>
        get(baseUrls[(i + j) % baseUrls.length], route, token),
      ),
    );
    if (statuses.some(s => s !== 200)) {
      throw new Error(`page view answered ${statuses.join(', ')}`);
    }
  }
}

const percentile = (sorted: number[], p: number) =>
  sorted.length
    ? sorted[
        Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
      ]
    : NaN;

/** `CONCURRENCY` clients, each requesting `routes` in turn, for `seconds`. */
async function load(
  baseUrl: string,
  routes: string[],
  token: string,
  seconds: number,
) {
  const latencies: number[] = [];
  let failures = 0;
  const end = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, client) => {
      let i = client;
      while (Date.now() < end) {
        const started = performance.now();
        const status = await get(
          baseUrl,
          routes[i++ % routes.length],
          token,
        ).catch(() => 0);
        if (status === 200) latencies.push(performance.now() - started);
        else failures += 1;
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return {
    rate: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    failures,
  };
}

/** 10 clients requesting `route` until `stop()`, which returns every answer's time and outcome. */
function backgroundLoad(baseUrl: string, route: string, token: string) {
  const results: Array<{ at: number; ok: boolean }> = [];
  let stopped = false;
  for (let i = 0; i < 10; i++) {
    void (async () => {
      while (!stopped) {
        const status = await get(baseUrl, route, token).catch(() => 0);
        results.push({ at: Date.now(), ok: status === 200 });
      }
    })();
  }
  return {
    stop() {
      stopped = true;
      return results;
    },
  };
}

function rssMb(cluster: Cluster): number[] {
  return cluster.replicas.map(r => {
    const pid = r.server?.child.pid;
    const status = pid ? fs.readFileSync(`/proc/${pid}/status`, 'utf8') : '';
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
    return Math.round(kb / 1024);
  });
}

async function clusterPorts(replicas: number) {
  return {
    loadBalancer: await freePort(),
    postgres: await freePort(),
    redis: await freePort(),
    replicas: await Promise.all(
      Array.from({ length: replicas }, () => freePort()),
    ),
  };
}

/** Clusters to stop when the bench is interrupted. */
const running = new Set<Cluster>();

async function withCluster<T>(
  sandboxConfigs: string[],
  replicas: number,
  run: (cluster: Cluster) => Promise<T>,
): Promise<T> {
  const cluster = await startCluster({
    ports: await clusterPorts(replicas),
    configFiles: [
      'app-config.yaml',
      ...sandboxConfigs,
      'app-config.scale.yaml',
    ],
    quietReplicas: !process.env.BENCH_VERBOSE,
    log: line => log(`  (${line})`),
  });
  running.add(cluster);
  try {
    return await run(cluster);
  } finally {
    running.delete(cluster);
    await cluster.stop();
  }
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edp-bench-scale-'));
  const { sandbox, configFiles } = await startBenchSandbox(dir);
  process.once('SIGINT', async () => {
    await Promise.all([...running].map(c => c.stop()));
    await sandbox.stop();
    process.exit(130);
  });
  log(
    `yarn bench:scale: ${os.cpus().length} CPUs, load average ${os
      .loadavg()
      .map(l => l.toFixed(1))
      .join(' ')}; ${CONCURRENCY} clients, ${LOAD_SECONDS} s per load phase`,
  );
  try {
    const upstream: Record<number, number> = {};
    for (const replicas of REPLICA_COUNTS) {
      log(`\n== ${replicas} replica${replicas > 1 ? 's' : ''} ==`);
      const scansBefore = forgejoRoutes(sandbox);
      const startedAt = Date.now();
      await withCluster(configFiles, replicas, async cluster => {
        const direct = cluster.replicas.map(r => `http://127.0.0.1:${r.port}`);
        const token = await guestToken(cluster.url);
        await waitForEntity(cluster.url, token);
        const before = await upstreamCount(sandbox);
        await pageViews(direct, token, 10);
        const spent = diff(await upstreamCount(sandbox), before);
        upstream[replicas] = total(spent);
        log(
          `upstream requests for 10 page views (${
            PAGE_VIEW.length
          } requests each, round robin over ${replicas} replica${
            replicas > 1 ? 's' : ''
          }): ${total(spent)}`,
        );
        for (const [route, n] of Object.entries(spent))
          log(`    ${n}× ${route}`);

        if (replicas === 1) return;
        const orgScans = Object.entries(
          diff(forgejoRoutes(sandbox), scansBefore),
        ).filter(([r]) => /^GET \/api\/v1\/orgs\/[^/]+\/repos$/.test(r));
        const seconds = (Date.now() - startedAt) / 1000;
        log(
          `run once: Forgejo discovery (every ${DISCOVERY_SECONDS} s) scanned ${
            orgScans.map(([r, n]) => `${r} ×${n}`).join(', ') || 'nothing'
          } in the ${seconds.toFixed(0)} s 2 replicas ran: at most ${
            Math.floor(seconds / DISCOVERY_SECONDS) + 1
          } per organisation when each period runs once`,
        );

        // A short warm-up first: connection pools, compiled code and the caches are paid once.
        const rssCold = rssMb(cluster);
        await load(cluster.url, [CATALOG_ROUTE, ...CARD_ROUTES], token, 3);
        await new Promise(r => setTimeout(r, 5000));
        const rssWarm = rssMb(cluster);
        // LOAD_ROUNDS rounds of the same load. The memory one round takes and keeps is the heap's
        // high-water mark (V8 keeps pages it grew into) when later rounds end where the first
        // ended; a leak keeps growing round after round. So the starting value RSS must return
        // to is the one after round 1, and the growth from round 1 to the last round is the leak.
        const line = (name: string, r: Awaited<ReturnType<typeof load>>) =>
          `${name.padEnd(34)} ${r.rate
            .toFixed(0)
            .padStart(5)} req/s   p50 ${r.p50.toFixed(
            1,
          )} ms   p99 ${r.p99.toFixed(1)} ms   failed ${r.failures}`;
        const rssAfterRounds: number[][] = [];
        const cardRuns: Array<Awaited<ReturnType<typeof load>>> = [];
        const catalogRuns: Array<Awaited<ReturnType<typeof load>>> = [];
        for (let round = 1; round <= LOAD_ROUNDS; round++) {
          const catalog = await load(
            cluster.url,
            [CATALOG_ROUTE],
            token,
            LOAD_SECONDS,
          );
          const cards = await load(
            cluster.url,
            CARD_ROUTES,
            token,
            LOAD_SECONDS,
          );
          catalogRuns.push(catalog);
          cardRuns.push(cards);
          log(`  round ${round}:`);
          log(`    ${line('catalog by-name (through HAProxy)', catalog)}`);
          log(`    ${line('cards, warm (through HAProxy)', cards)}`);
          log(
            `    card / catalog rate: ${(cards.rate / catalog.rate).toFixed(
              2,
            )} (target >= 0.8); ${againstLimit(
              'card p50',
              cards.p50,
              limitOf(
                catalog.p50,
                'catalog by-name p50 at the same concurrency, same run',
              ),
            )}; card p99 ${cards.p99.toFixed(0)} ms (target < 1000 ms)`,
          );
          // RSS once the load stopped: settled when two readings 2 s apart agree within 1 %.
          const settleEnd = Date.now() + RSS_SETTLE_MS;
          let previous = rssMb(cluster);
          let current = previous;
          do {
            await new Promise(r => setTimeout(r, 2000));
            previous = current;
            current = rssMb(cluster);
          } while (
            Date.now() < settleEnd &&
            current.some(
              (mb, i) => Math.abs(mb - previous[i]) > previous[i] * 0.01,
            )
          );
          rssAfterRounds.push(current);
          log(`    RSS per replica after the load: ${current.join(' / ')} MB`);
        }
        const first = rssAfterRounds[0];
        const last = rssAfterRounds[rssAfterRounds.length - 1];
        const change = (from: number[], to: number[]) =>
          to
            .map(
              (mb, i) =>
                `${mb - from[i] >= 0 ? '+' : ''}${(
                  ((mb - from[i]) / from[i]) *
                  100
                ).toFixed(1)} %`,
            )
            .join(' / ');
        const within = last.every((mb, i) => mb <= first[i] * 1.1);
        log(
          `RSS per replica: cold ${rssCold.join(
            ' / ',
          )} MB, after the warm-up ${rssWarm.join(
            ' / ',
          )} MB, after round 1 ${first.join(' / ')} MB, after round ${
            rssAfterRounds.length
          } ${last.join(' / ')} MB`,
        );
        log(
          `  round 1 -> round ${rssAfterRounds.length}: ${change(
            first,
            last,
          )} (${within ? 'within' : 'NOT within'} 10 %: ${
            within
              ? 'no growth beyond the high-water mark of the first round'
              : 'growing: a leak'
          }); warm-up -> round 1: ${change(
            rssWarm,
            first,
          )} (the heap growing into the load)`,
        );
        const byP99 = [...cardRuns].sort((a, b) => a.p99 - b.p99);
        log(
          `cards over ${cardRuns.length} rounds: median p99 ${byP99[
            Math.floor(byP99.length / 2)
          ].p99.toFixed(0)} ms, median card / catalog rate ${[...cardRuns]
            .map((c, i) => c.rate / catalogRuns[i].rate)
            .sort((a, b) => a - b)
            [Math.floor(cardRuns.length / 2)].toFixed(2)}`,
        );
        if (!RECOVERY) return;

        // Replica kill: replica 1 dies in the middle of a stack provisioning while card requests
        // keep coming through HAProxy (which retries on the other replica and drops the dead one
        // after two failed health checks); replica 2 recovers the task.
        const traffic = backgroundLoad(cluster.url, CARD_ROUTES[0], token);
        let recovery: RecoveryResult;
        try {
          recovery = await measureTaskRecovery(cluster, sandbox, token);
        } finally {
          await new Promise(r => setTimeout(r, 3000));
        }
        const results = traffic.stop();
        const failed = results.filter(r => !r.ok && r.at >= recovery.killedAt);
        const lastFailure = failed.length
          ? Math.max(...failed.map(r => r.at))
          : recovery.killedAt;
        log(
          `replica kill (SIGKILL of replica 1 during provision-stack, after "${recovery.killedDuring}"):`,
        );
        log(
          `    task reopened by replica 2 ${(
            recovery.recoveredAfterMs / 1000
          ).toFixed(1)} s after the kill, ${recovery.status} ${(
            recovery.completedAfterMs / 1000
          ).toFixed(1)} s after it`,
        );
        for (const error of recovery.errors) log(`    task error: ${error}`);
        log(
          `    Forgejo repository creations ${
            recovery.repositoryCreations
          } for ${
            recovery.repositories.length
          } repositories (${recovery.repositories.join(
            ', ',
          )}); Applications of the stack: ${recovery.applications.join(', ')}`,
        );
        log(
          `    card requests through HAProxy meanwhile (10 clients): ${
            results.length
          }, ${failed.length} failed after the kill${
            failed.length
              ? `, all succeed again ${(
                  (lastFailure - recovery.killedAt) /
                  1000
                ).toFixed(1)} s after it`
              : ''
          }`,
        );
      });
    }
    if (REPLICA_COUNTS.length > 1)
      log(
        `\nupstream requests, 10 page views: 1 replica ${
          upstream[1]
        }, 2 replicas ${upstream[2]} (${
          upstream[1] === upstream[2] ? 'equal' : 'NOT equal'
        })`,
      );
  } finally {
    await sandbox.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  error => {
    process.stderr.write(`${error instanceof Error ? error.stack : error}\n`);
    process.exit(1);
  },
);
