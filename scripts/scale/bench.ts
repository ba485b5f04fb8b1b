/*
 * yarn bench:scale: the portal on PostgreSQL + Redis with one and with two backend replicas behind
 * HAProxy, all on free loopback ports, with the sandbox's stand-ins in this process.
 *
 *   yarn bench:scale                   (from the repository root; about 8 minutes)
 *   BENCH_SECONDS=5 yarn bench:scale   (shorter load phases)
 *   BENCH_REPLICAS=2 yarn bench:scale  (the two-replica phase only)
 *   BENCH_ROUNDS=3 (load rounds), BENCH_RECOVERY=0 (no replica kill),
 *   BENCH_IDLE_SECONDS=90 (idle time before the memory is read back),
 *   BENCH_REPLICA2_ENV="NAME=value ..." (replica 2 only, e.g. "MALLOC_ARENA_MAX= MALLOC_TRIM_THRESHOLD_="
 *   for glibc's defaults next to replica 1 with cluster.ts's replicaMallocEnv()),
 *   EDP_BENCH_PORTS=7340-7369 (ports for the servers it starts; free ones otherwise)
 *
 * Prints:
 *  1. upstream requests (Forgejo + ArgoCD stand-ins) for 10 views of one entity page, with one
 *     replica and with two (round robin): equal, because the cards' cache is Redis, shared;
 *  2. run-once: Forgejo discovery's organisation scans while two replicas ran (1 per organisation);
 *  3. request rate and p50/p99 of the card routes (warm) vs GET /api/catalog/entities/by-name at
 *     50 concurrent clients through the load balancer (card p50 as a ratio to the catalog's, its
 *     limit in the same run), in BENCH_ROUNDS rounds; each replica's memory (RSS, and V8's heap
 *     used / total, external and array buffers from memory-probe.cjs) after a 3 s warm-up (the
 *     starting value), after the same BENCH_IDLE_SECONDS idle (the starting value idle), once each
 *     round's load stopped, and after BENCH_IDLE_SECONDS idle at the end: RSS must come back
 *     within 10 % of the starting value, printed against both readings of it;
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
/**
 * Idle time before the memory is read back: BENCH_IDLE_SECONDS, default 90. V8's memory reducer
 * gave back the heap 25-60 s after the load stopped at load averages of 4-10 on 2 cores.
 */
const IDLE_SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 90);
/** BENCH_REPLICA2_ENV="NAME=value ...": extra environment of replica 2 only (A/B in one run). */
const REPLICA2_ENV: Record<string, string> = Object.fromEntries(
  (process.env.BENCH_REPLICA2_ENV ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map(pair => pair.split(/=(.*)/s).slice(0, 2)),
);
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

/** A line of each replica's /proc/<pid>/status, in MB. */
function statusMb(
  cluster: Cluster,
  field: 'VmRSS' | 'VmSwap' | 'RssAnon' | 'RssFile',
): number[] {
  return cluster.replicas.map(r => {
    const pid = r.server?.child.pid;
    const status = pid ? fs.readFileSync(`/proc/${pid}/status`, 'utf8') : '';
    const kb = Number(
      new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN,
    );
    return Math.round(kb / 1024);
  });
}

const rssMb = (cluster: Cluster) => statusMb(cluster, 'VmRSS');

/** Pages freed with MADV_FREE: counted in RSS until the kernel needs them (smaps_rollup). */
function lazyFreeMb(cluster: Cluster): number[] {
  return cluster.replicas.map(r => {
    const pid = r.server?.child.pid;
    let rollup = '';
    try {
      rollup = pid ? fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8') : '';
    } catch {
      // not readable: printed as NaN
    }
    const kb = Number(/LazyFree:\s+(\d+)/.exec(rollup)?.[1] ?? NaN);
    return Math.round(kb / 1024);
  });
}

/** One replica's memory in MB: RSS from /proc, the rest from its process.memoryUsage(). */
interface Memory {
  rss: number;
  /** RSS in anonymous memory (heap, malloc) and in mapped files (the node binary's pages run so far). */
  anon: number;
  file: number;
  /** Of RSS, pages freed with MADV_FREE, which the kernel takes back when it needs memory. */
  lazyFree: number;
  /** Swapped out: RSS that went to swap was not given back, so it is printed when not 0. */
  swap: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
}

/** Each replica's memory, asked for with SIGUSR2 (scripts/scale/memory-probe.cjs answers). */
async function memoryMb(cluster: Cluster, probeDir: string): Promise<Memory[]> {
  const rss = rssMb(cluster);
  const swap = statusMb(cluster, 'VmSwap');
  const anon = statusMb(cluster, 'RssAnon');
  const file = statusMb(cluster, 'RssFile');
  const lazyFree = lazyFreeMb(cluster);
  return Promise.all(
    cluster.replicas.map(async (r, i) => {
      const pid = r.server?.child.pid;
      const probeFile = path.join(probeDir, `${pid}.json`);
      const read = () => {
        try {
          return JSON.parse(fs.readFileSync(probeFile, 'utf8'));
        } catch {
          return undefined;
        }
      };
      const before = read()?.sequence ?? 0;
      let usage: any;
      if (pid) {
        process.kill(pid, 'SIGUSR2');
        const deadline = Date.now() + 5000;
        while (Date.now() < deadline && !(read()?.sequence > before))
          await new Promise(res => setTimeout(res, 50));
        usage = read();
      }
      const mb = (bytes?: number) =>
        bytes === undefined ? NaN : Math.round(bytes / 1024 / 1024);
      return {
        rss: rss[i],
        anon: anon[i],
        file: file[i],
        lazyFree: lazyFree[i],
        swap: swap[i],
        heapUsed: mb(usage?.heapUsed),
        heapTotal: mb(usage?.heapTotal),
        external: mb(usage?.external),
        arrayBuffers: mb(usage?.arrayBuffers),
      };
    }),
  );
}

const loadAverage = () =>
  `load average ${os
    .loadavg()
    .map(l => l.toFixed(1))
    .join(' ')}`;

/** Each replica's RSS, its parts and V8's heap, in MB, and the ratio of RSS to `start`. */
function memoryLine(memory: Memory[], start?: Memory[]) {
  return memory
    .map((m, i) => {
      const ratio = start
        ? ` = ${(m.rss / start[i].rss).toFixed(2)}x start`
        : '';
      const swapped = m.swap ? `, swap ${m.swap} MB` : '';
      return `replica ${i + 1} RSS ${m.rss} MB${ratio}${swapped} (anonymous ${
        m.anon
      }, files ${m.file}, lazily freed ${m.lazyFree}; heap used ${
        m.heapUsed
      } / total ${m.heapTotal}, external ${m.external}, array buffers ${
        m.arrayBuffers
      })`;
    })
    .join('; ');
}

/** Idles for `seconds`, reading RSS every 5 s: "446 / 463, 440 / 455, ..." (how it came back). */
async function idle(cluster: Cluster, seconds: number): Promise<string> {
  const readings: string[] = [];
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) {
    await new Promise(r =>
      setTimeout(r, Math.min(5000, Math.max(0, end - Date.now()))),
    );
    readings.push(rssMb(cluster).join(' / '));
  }
  return readings.join(', ');
}

/** Waits until two RSS readings 2 s apart agree within 1 %, for `maxMs` at most. */
async function settle(cluster: Cluster, maxMs: number) {
  const settleEnd = Date.now() + maxMs;
  let previous = rssMb(cluster);
  let current = previous;
  do {
    await new Promise(r => setTimeout(r, 2000));
    previous = current;
    current = rssMb(cluster);
  } while (
    Date.now() < settleEnd &&
    current.some((mb, i) => Math.abs(mb - previous[i]) > previous[i] * 0.01)
  );
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
  probeDir: string,
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
    memoryProbeDir: probeDir,
    replicaEnv: index => (index === 1 ? REPLICA2_ENV : {}),
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
  const probeDir = path.join(dir, 'memory');
  fs.mkdirSync(probeDir);
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
      await withCluster(configFiles, probeDir, replicas, async cluster => {
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
        // The memory after it is the starting value: what a user reads on a portal that has
        // served its first pages. RSS must come back within 10 % of it once the load stopped.
        const rssCold = rssMb(cluster);
        await load(cluster.url, [CATALOG_ROUTE, ...CARD_ROUTES], token, 3);
        await new Promise(r => setTimeout(r, 5000));
        const start = await memoryMb(cluster, probeDir);
        log(`  RSS cold: ${rssCold.join(' / ')} MB`);
        log(
          `  memory after the warm-up (the starting value; ${loadAverage()}): ${memoryLine(
            start,
          )}`,
        );
        // The same idle time the end gets, so that the two idle values compare like for like.
        const warmIdleCurve = await idle(cluster, IDLE_SECONDS);
        const startIdle = await memoryMb(cluster, probeDir);
        log(
          `  memory after the warm-up and ${IDLE_SECONDS} s idle (${loadAverage()}): ${memoryLine(
            startIdle,
            start,
          )}; RSS every 5 s: ${warmIdleCurve} MB`,
        );
        const line = (name: string, r: Awaited<ReturnType<typeof load>>) =>
          `${name.padEnd(34)} ${r.rate
            .toFixed(0)
            .padStart(5)} req/s   p50 ${r.p50.toFixed(
            1,
          )} ms   p99 ${r.p99.toFixed(1)} ms   failed ${r.failures}`;
        const afterRounds: Memory[][] = [];
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
          log(`  round ${round} (${loadAverage()}):`);
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
          await settle(cluster, RSS_SETTLE_MS);
          const memory = await memoryMb(cluster, probeDir);
          afterRounds.push(memory);
          log(`    memory once the load stopped: ${memoryLine(memory, start)}`);
        }
        // Idle, as a portal is between bursts: V8's memory reducer and malloc trimming give
        // back what the load took.
        const idleCurve = await idle(cluster, IDLE_SECONDS);
        const settled = await memoryMb(cluster, probeDir);
        log(
          `  memory after ${IDLE_SECONDS} s idle (${loadAverage()}): ${memoryLine(
            settled,
            start,
          )}; RSS every 5 s: ${idleCurve} MB`,
        );
        const within = settled.every(
          (m, i) => m.rss + m.swap <= start[i].rss * 1.1,
        );
        const withinIdle = settled.every(
          (m, i) => m.rss + m.swap <= startIdle[i].rss * 1.1,
        );
        const first = afterRounds[0];
        const last = afterRounds[afterRounds.length - 1];
        const change = (from: Memory[], to: Memory[]) =>
          to
            .map(
              (m, i) =>
                `${m.rss - from[i].rss >= 0 ? '+' : ''}${(
                  ((m.rss - from[i].rss) / from[i].rss) *
                  100
                ).toFixed(1)} %`,
            )
            .join(' / ');
        log(
          `RSS per replica: after the warm-up ${start
            .map(m => m.rss)
            .join(' / ')} MB (${startIdle
            .map(m => m.rss)
            .join(
              ' / ',
            )} MB after ${IDLE_SECONDS} s idle), after round 1 ${first
            .map(m => m.rss)
            .join(' / ')} MB, after round ${afterRounds.length} ${last
            .map(m => m.rss)
            .join(' / ')} MB, after ${IDLE_SECONDS} s idle ${settled
            .map(m => m.rss)
            .join(' / ')} MB`,
        );
        log(
          `  warm-up -> idle: ${change(start, settled)} (${
            within ? 'within' : 'NOT within'
          } 10 % of the starting value); warm-up + idle -> load + idle: ${change(
            startIdle,
            settled,
          )} (${
            withinIdle ? 'within' : 'NOT within'
          } 10 %: idle against idle); round 1 -> round ${
            afterRounds.length
          }: ${change(
            first,
            last,
          )} (read 2-30 s after each load, before V8 shrank its heap: the idle values are the ones to compare)`,
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
