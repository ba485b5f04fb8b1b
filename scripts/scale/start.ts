/*
 * `./edp start --scale`, after scripts/start.sh has checked Node, the dependencies, the ports and
 * the config: the sandbox, PostgreSQL, Redis, two backend replicas behind HAProxy on :7007 and the
 * frontend on :3000, until Ctrl-C or SIGTERM (which stop all of them).
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs scripts/scale/start.ts <config files...>
 *
 * `--no-frontend` first: no frontend dev server, for the browser suite's scale project
 * (e2e/playwright.scale.config.ts), where the replicas serve the app's production build.
 */
import path from 'node:path';
import { REPO_ROOT, scaleEnv, startCluster, type Cluster } from './cluster';
import { startProcess, waitForPort, type Server } from './servers';

/** Fixed ports of the scale mode, next to the plain mode's (scripts/ports.sh checks them). */
export const SCALE_PORTS = {
  loadBalancer: 7007,
  postgres: 7120,
  redis: 7121,
  replicas: [7008, 7009],
};

const log = (line: string) => process.stderr.write(`edp: ${line}\n`);

const children: Server[] = [];
let cluster: Cluster | undefined;
let stopping = false;

async function stopAll(status: number) {
  if (stopping) return;
  stopping = true;
  log('stopping');
  for (const child of [...children].reverse()) await child.stop();
  await cluster?.stop();
  process.exit(status);
}

async function main() {
  const withFrontend = process.argv[2] !== '--no-frontend';
  const configFiles = process.argv.slice(withFrontend ? 2 : 3);
  const yarnRelease = process.env.EDP_YARN_RELEASE;
  if (!configFiles.length || (withFrontend && !yarnRelease)) {
    throw new Error(
      'run through ./edp start --scale (it passes the config files and EDP_YARN_RELEASE)',
    );
  }
  process.on('SIGINT', () => stopAll(130));
  process.on('SIGTERM', () => stopAll(143));

  const sandbox = startProcess(
    'sandbox',
    process.execPath,
    [path.join(REPO_ROOT, 'packages/sandbox/bin/sandbox'), 'start'],
    { cwd: REPO_ROOT },
  );
  children.push(sandbox);
  await waitForPort(7100, sandbox.child, 'the sandbox');

  cluster = await startCluster({ ports: SCALE_PORTS, configFiles, log });
  if (stopping) return;
  if (!withFrontend) {
    log(
      `backend http://localhost:7007 (HAProxy) over replicas ${SCALE_PORTS.replicas
        .map(p => `:${p}`)
        .join(' and ')}`,
    );
    sandbox.child.once('exit', code => {
      if (!stopping) stopAll(code ?? 1);
    });
    return;
  }

  const configArgs = configFiles.flatMap(f => [
    '--config',
    path.resolve(REPO_ROOT, f),
  ]);
  const frontend = startProcess(
    'frontend',
    process.execPath,
    [yarnRelease!, 'backstage-cli', 'package', 'start', ...configArgs],
    {
      cwd: path.join(REPO_ROOT, 'packages/app'),
      env: { ...process.env, ...scaleEnv(SCALE_PORTS) },
    },
  );
  children.push(frontend);
  await waitForPort(3000, frontend.child, 'the frontend', 300_000);
  log(
    'the portal is ready at http://localhost:3000 (sign in as Guest). Ctrl-C stops everything.',
  );
  log(
    `backend http://localhost:7007 (HAProxy) over replicas ${SCALE_PORTS.replicas
      .map(p => `:${p}`)
      .join(' and ')}; PostgreSQL 127.0.0.1:${
      SCALE_PORTS.postgres
    }, Redis 127.0.0.1:${SCALE_PORTS.redis}`,
  );

  // Stop everything as soon as one process stops by itself (a replica may be killed on purpose
  // to see the other take over: that is not a reason to stop).
  for (const child of [sandbox, frontend]) {
    child.child.once('exit', code => {
      if (stopping) return;
      log(`${child.name} exited with status ${code}; stopping the rest`);
      stopAll(code ?? 1);
    });
  }
}

main().catch(error => {
  log(String(error instanceof Error ? error.message : error));
  stopAll(1);
});
