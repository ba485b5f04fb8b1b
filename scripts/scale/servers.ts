/*
 * The real servers of the scale mode: PostgreSQL, Redis and HAProxy from Debian, each started in
 * the foreground in its own process group with its data in a temporary folder, and stopped with it.
 * Used by `./edp start --scale` (scripts/scale/start.ts) and `yarn bench:scale`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/** A started server: its process group is stopped by `stop()`. */
export interface Server {
  name: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

const isRoot = () => process.getuid?.() === 0;

/** Debian keeps the PostgreSQL binaries off PATH, under /usr/lib/postgresql/<version>/bin. */
function postgresBin(name: string): string | undefined {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root)
    ? fs
        .readdirSync(root)
        .filter(v => fs.existsSync(path.join(root, v, 'bin', name)))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  return versions.length
    ? path.join(root, versions[0], 'bin', name)
    : onPath(name);
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, name);
    if (dir && fs.existsSync(candidate)) return candidate;
  }
  for (const dir of ['/usr/sbin', '/usr/bin', '/sbin']) {
    const candidate = path.join(dir, name);
    if (fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** The binaries of the scale mode (no install), and what is missing as Debian package names. */
export function findBinaries() {
  const found = {
    initdb: postgresBin('initdb'),
    postgres: postgresBin('postgres'),
    redis: onPath('redis-server'),
    haproxy: onPath('haproxy'),
  };
  const missing = [
    ...(found.initdb && found.postgres ? [] : ['postgresql']),
    ...(found.redis ? [] : ['redis-server']),
    ...(found.haproxy ? [] : ['haproxy']),
  ];
  return { found, missing };
}

export type Binaries = {
  initdb: string;
  postgres: string;
  redis: string;
  haproxy: string;
};

/**
 * Finds PostgreSQL, Redis and HAProxy; as root installs the missing ones with apt-get, otherwise
 * throws with the exact command to run.
 */
export function ensureBinaries(log: (line: string) => void): Binaries {
  let { found, missing } = findBinaries();
  if (missing.length && isRoot()) {
    log(`installing ${missing.join(', ')} with apt-get`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const update = spawnSync('apt-get', ['update', '-qq'], {
      stdio: 'inherit',
      env,
    });
    const install = spawnSync(
      'apt-get',
      ['install', '-y', '-qq', '--no-install-recommends', ...missing],
      { stdio: 'inherit', env },
    );
    if (update.status !== 0 || install.status !== 0) {
      throw new Error(`apt-get install ${missing.join(' ')} failed (above)`);
    }
    ({ found, missing } = findBinaries());
  }
  if (missing.length) {
    throw new Error(
      `the scale mode needs ${missing.join(', ')}. Install ${
        missing.length > 1 ? 'them' : 'it'
      } with:\n  sudo apt-get install ${missing.join(' ')}\nand run again.`,
    );
  }
  return found as Binaries;
}

/** Resolves once something accepts TCP connections on 127.0.0.1:port. */
export async function waitForPort(
  port: number,
  child: ChildProcess,
  name: string,
  timeoutMs = 60_000,
) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`${name} exited with status ${child.exitCode}`);
    }
    const open = await new Promise<boolean>(resolve => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise(r => setTimeout(r, 200));
  }
  throw new Error(`${name} did not open port ${port} within ${timeoutMs} ms`);
}

/** A free TCP port on 127.0.0.1, for tests and benchmarks. */
export async function freePort(): Promise<number> {
  const range = /^(\d+)-(\d+)$/.exec(process.env.EDP_BENCH_PORTS ?? '');
  if (range) {
    // A range given to this run (several people benchmark on one machine): its next free port.
    for (let port = Number(range[1]); port <= Number(range[2]); port++) {
      if (handedOut.has(port)) continue;
      handedOut.add(port);
      if (await canListen(port)) return port;
    }
    throw new Error(`EDP_BENCH_PORTS ${range[0]}: no free port left`);
  }
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const handedOut = new Set<number>();

function canListen(port: number): Promise<boolean> {
  return new Promise(resolve => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * Starts `command` in its own process group with its output prefixed by `name` (or discarded),
 * and returns a handle that stops the whole group: `signal`, then SIGKILL after 10 s.
 */
export function startProcess(
  name: string,
  command: string,
  args: string[],
  options: {
    cwd?: string;
    env?: NodeJS.ProcessEnv;
    quiet?: boolean;
    signal?: NodeJS.Signals;
  } = {},
): Server {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    detached: true,
    stdio: options.quiet ? 'ignore' : ['ignore', 'pipe', 'pipe'],
  });
  if (!options.quiet) {
    const prefix = (chunk: Buffer) =>
      chunk
        .toString()
        .split('\n')
        .filter(Boolean)
        .map(line => `[${name}] ${line}\n`)
        .join('');
    child.stdout?.on('data', c => process.stdout.write(prefix(c)));
    child.stderr?.on('data', c => process.stderr.write(prefix(c)));
  }
  const exited = new Promise<void>(resolve =>
    child.once('exit', () => resolve()),
  );
  return {
    name,
    child,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const kill = (signal: NodeJS.Signals) => {
        try {
          process.kill(-child.pid!, signal);
        } catch {
          // already gone
        }
      };
      kill(options.signal ?? 'SIGTERM');
      const timer = setTimeout(() => kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

function hasIpv6Loopback(): boolean {
  try {
    return fs
      .readFileSync('/proc/net/if_inet6', 'utf8')
      .includes('00000000000000000000000000000001');
  } catch {
    return false;
  }
}

/** Runs a command as the `postgres` user when root (PostgreSQL refuses to run as root). */
function asPostgresUser(command: string, args: string[]): [string, string[]] {
  return isRoot()
    ? ['runuser', ['-u', 'postgres', '--', command, ...args]]
    : [command, args];
}

/**
 * A throw-away PostgreSQL cluster in `dir` on 127.0.0.1:port, superuser `postgres`, trust
 * authentication (loopback only), durability off: fast to start, gone when stopped.
 */
export async function startPostgres(
  bin: Binaries,
  dir: string,
  port: number,
): Promise<Server> {
  fs.mkdirSync(dir, { recursive: true });
  if (isRoot()) spawnSync('chown', ['-R', 'postgres:postgres', dir]);
  const [initCmd, initArgs] = asPostgresUser(bin.initdb, [
    '-D',
    dir,
    '-U',
    'postgres',
    '--auth=trust',
    '--no-sync',
    '-E',
    'UTF8',
  ]);
  const init = spawnSync(initCmd, initArgs, { encoding: 'utf8' });
  if (init.status !== 0) {
    throw new Error(`initdb failed: ${init.stderr || init.stdout}`);
  }
  const [cmd, args] = asPostgresUser(bin.postgres, [
    '-D',
    dir,
    '-p',
    String(port),
    '-k',
    dir,
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'fsync=off',
    '-c',
    'synchronous_commit=off',
    '-c',
    'full_page_writes=off',
    // Every plugin of every replica has its own connection pool.
    '-c',
    'max_connections=400',
  ]);
  const server = startProcess('postgres', cmd, args, {
    quiet: true,
    signal: 'SIGINT', // fast shutdown
  });
  await waitForPort(port, server.child, 'postgres');
  return server;
}

/** A Redis on 127.0.0.1:port with no persistence. */
export async function startRedis(
  bin: Binaries,
  dir: string,
  port: number,
): Promise<Server> {
  fs.mkdirSync(dir, { recursive: true });
  const server = startProcess(
    'redis',
    bin.redis,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
    ],
    { quiet: true },
  );
  await waitForPort(port, server.child, 'redis');
  return server;
}

/**
 * HAProxy on 127.0.0.1:port, round robin over the replicas, each checked on Backstage's readiness
 * endpoint every second, so a dead replica leaves the rotation within two seconds and a request
 * that reached it before that is retried on the other one.
 */
export async function startLoadBalancer(
  bin: Binaries,
  dir: string,
  port: number,
  replicaPorts: number[],
): Promise<Server> {
  fs.mkdirSync(dir, { recursive: true });
  const cfg = path.join(dir, 'haproxy.cfg');
  fs.writeFileSync(
    cfg,
    [
      'global',
      '  maxconn 4096',
      'defaults',
      '  mode http',
      '  timeout connect 2s',
      '  timeout client 120s',
      '  timeout server 120s',
      // Signals' websocket and event streams stay open.
      '  timeout tunnel 1h',
      '  retries 2',
      '  option redispatch',
      'frontend portal',
      `  bind 127.0.0.1:${port}`,
      // Browsers may resolve localhost to ::1 first.
      ...(hasIpv6Loopback() ? [`  bind ::1:${port}`] : []),
      '  default_backend replicas',
      // Which replica answered, for the browser suite's scale project and for curl -i.
      '  http-response set-header X-EDP-Replica %s',
      'backend replicas',
      '  balance roundrobin',
      '  option httpchk GET /.backstage/health/v1/readiness',
      '  retry-on conn-failure empty-response response-timeout',
      ...replicaPorts.map(
        (p, i) =>
          `  server replica${
            i + 1
          } 127.0.0.1:${p} check inter 1s fall 2 rise 1`,
      ),
      '',
    ].join('\n'),
  );
  const server = startProcess('haproxy', bin.haproxy, ['-db', '-f', cfg], {
    quiet: true,
  });
  await waitForPort(port, server.child, 'haproxy');
  return server;
}
