/*
 * The portal scaled out: PostgreSQL, Redis, N backend replicas (packages/backend, each its own
 * Node process) and HAProxy in front of them. The replicas share the database (catalog, scheduler
 * locks, scaffolder tasks) and the cache (CacheService on Redis), so work that must run once runs
 * once and N replicas cost the upstream requests of one.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ensureBinaries,
  startLoadBalancer,
  startPostgres,
  startProcess,
  startRedis,
  type Binaries,
  type Server,
} from './servers';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
const BACKEND_DIR = path.join(REPO_ROOT, 'packages', 'backend');

export interface ClusterPorts {
  loadBalancer: number;
  postgres: number;
  redis: number;
  replicas: number[];
}

export interface ClusterOptions {
  ports: ClusterPorts;
  /** Config files, absolute or relative to the repository root, app-config.scale.yaml last. */
  configFiles: string[];
  /** Keep the replicas' logs out of the terminal (benchmarks). */
  quietReplicas?: boolean;
  /** Benchmarks: each replica writes process.memoryUsage() here on SIGUSR2 (memory-probe.cjs). */
  memoryProbeDir?: string;
  /**
   * Extra environment of replica `index` (experiments side by side in one run); a name set to ''
   * is removed (e.g. `MALLOC_ARENA_MAX: ''` runs that replica with glibc's defaults).
   */
  replicaEnv?: (index: number) => Record<string, string>;
  log?: (line: string) => void;
}

export interface Replica {
  index: number;
  port: number;
  server?: Server;
}

export interface Cluster {
  url: string;
  replicas: Replica[];
  postgresUrl: string;
  redisUrl: string;
  /** Starts (or restarts) replica `index` and resolves once it is ready. */
  startReplica(index: number): Promise<void>;
  /** Kills replica `index` with SIGKILL, as a crash would. */
  killReplica(index: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * malloc settings of every replica (deploy/kubernetes/backstage.yaml sets the glibc ones). Memory
 * a load took is given back once it stops: V8's memory reducer shrinks the JavaScript heap after
 * about 30 s of low allocation, and these keep glibc from holding on to the native part (zlib
 * streams of response compression, socket and TLS buffers, V8's compiler zones):
 * - MALLOC_ARENA_MAX=2: glibc gives every thread that allocates its own arena, up to 8 per core
 *   (libuv's pool runs zlib, V8's workers compile and collect garbage); memory freed in an arena
 *   stays with that arena, so many arenas each keep a share of the peak.
 * - MALLOC_TRIM_THRESHOLD_=131072: returns the top of a heap to the system once 128 KB is free,
 *   and, being set, turns off glibc's sliding mmap threshold, which after a burst moves blocks of
 *   up to 32 MB from mmap (unmapped when freed) into the arenas (kept, fragmented).
 * The environment the replica is started with wins (process.env is applied after these).
 * yarn bench:scale measures the difference: BENCH_REPLICA2_ENV="LD_PRELOAD= MALLOC_ARENA_MAX= MALLOC_TRIM_THRESHOLD_="
 * runs replica 2 with glibc's defaults next to replica 1 with these.
 */
export function replicaMallocEnv(): Record<string, string> {
  return {
    MALLOC_ARENA_MAX: '2',
    MALLOC_TRIM_THRESHOLD_: '131072',
    // Looked up when a replica starts: ensureBinaries may just have installed redis-server.
    ...jemalloc(),
  };
}

/**
 * jemalloc instead of glibc malloc when Debian's libjemalloc2 is installed (redis-server depends
 * on it): it hands freed pages back to the system about 10 s after they were freed. With glibc
 * (even with the settings above) about 50 MB of native memory per replica stayed after a load
 * once V8 had shrunk its heap (yarn bench:scale side by side: +57 MB glibc, -5 MB jemalloc).
 */
function jemalloc(): Record<string, string> {
  const triplets: Record<string, string> = {
    x64: 'x86_64-linux-gnu',
    arm64: 'aarch64-linux-gnu',
  };
  const triplet = triplets[process.arch];
  const library = triplet && `/usr/lib/${triplet}/libjemalloc.so.2`;
  return library && fs.existsSync(library) ? { LD_PRELOAD: library } : {};
}

/** The environment app-config.scale.yaml reads. */
export function scaleEnv(ports: ClusterPorts): Record<string, string> {
  return {
    EDP_SCALE_POSTGRES_PORT: String(ports.postgres),
    EDP_SCALE_REDIS_PORT: String(ports.redis),
    EDP_SCALE_BASE_URL: `http://localhost:${ports.loadBalancer}`,
  };
}

async function waitReady(replica: Replica, timeoutMs = 240_000) {
  const url = `http://127.0.0.1:${replica.port}/.backstage/health/v1/readiness`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const child = replica.server?.child;
    if (child && child.exitCode !== null) {
      throw new Error(
        `backend replica ${replica.index + 1} exited with status ${
          child.exitCode
        }`,
      );
    }
    const ok = await fetch(url)
      .then(r => r.ok)
      .catch(() => false);
    if (ok) return;
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error(
    `backend replica ${replica.index + 1} was not ready within ${timeoutMs} ms`,
  );
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const log = options.log ?? (() => {});
  const bin: Binaries = ensureBinaries(log);
  const { ports } = options;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edp-scale-'));
  // The postgres user must reach its data folder.
  fs.chmodSync(dir, 0o755);
  const servers: Server[] = [];
  const replicas: Replica[] = ports.replicas.map((port, index) => ({
    index,
    port,
  }));
  const configArgs = options.configFiles.flatMap(f => [
    '--config',
    path.resolve(REPO_ROOT, f),
  ]);

  const stop = async () => {
    await Promise.all(replicas.map(r => r.server?.stop()));
    for (const server of [...servers].reverse()) await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };

  const startReplica = async (index: number) => {
    const replica = replicas[index];
    await replica.server?.stop();
    const env: NodeJS.ProcessEnv = {
      ...replicaMallocEnv(),
      ...process.env,
      ...scaleEnv(ports),
      NODE_ENV: 'development',
      APP_CONFIG_backend_listen_port: String(replica.port),
      ...(options.memoryProbeDir
        ? { EDP_MEMORY_PROBE_DIR: options.memoryProbeDir }
        : {}),
      ...options.replicaEnv?.(index),
    };
    for (const [name, value] of Object.entries(env)) {
      if (value === '') delete env[name];
    }
    replica.server = startProcess(
      `backend-${index + 1}`,
      process.execPath,
      [
        '--require',
        require.resolve('@backstage/cli/config/nodeTransform.cjs'),
        ...(options.memoryProbeDir
          ? ['--require', path.join(__dirname, 'memory-probe.cjs')]
          : []),
        'src/index.ts',
        ...configArgs,
      ],
      {
        cwd: BACKEND_DIR,
        quiet: options.quietReplicas,
        env,
      },
    );
    await waitReady(replica);
  };

  try {
    log(`postgres on 127.0.0.1:${ports.postgres}`);
    servers.push(
      await startPostgres(bin, path.join(dir, 'postgres'), ports.postgres),
    );
    log(`redis on 127.0.0.1:${ports.redis}`);
    servers.push(await startRedis(bin, path.join(dir, 'redis'), ports.redis));
    log(
      `${replicas.length} backend replicas on ${ports.replicas
        .map(p => `:${p}`)
        .join(', ')}`,
    );
    // The first replica creates the databases and runs the migrations; the others then find them.
    await startReplica(0);
    await Promise.all(replicas.slice(1).map(r => startReplica(r.index)));
    log(`haproxy on 127.0.0.1:${ports.loadBalancer}`);
    servers.push(
      await startLoadBalancer(
        bin,
        path.join(dir, 'haproxy'),
        ports.loadBalancer,
        ports.replicas,
      ),
    );
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    url: `http://127.0.0.1:${ports.loadBalancer}`,
    replicas,
    postgresUrl: `postgres://postgres@127.0.0.1:${ports.postgres}`,
    redisUrl: `redis://127.0.0.1:${ports.redis}`,
    startReplica,
    async killReplica(index) {
      const child = replicas[index].server?.child;
      if (child?.pid) {
        const exited = new Promise(r => child.once('exit', r));
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
        await exited;
      }
    },
    stop,
  };
}
