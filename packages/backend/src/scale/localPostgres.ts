import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
// The scale mode's server helpers (scripts/scale), so tests and `./edp start --scale` start
// PostgreSQL the same way.
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import {
  findBinaries,
  startPostgres,
  type Server,
} from '../../../../scripts/scale/servers';

const VERSIONS = [18, 17, 16, 15];
const envVar = (major: number) =>
  `BACKSTAGE_TEST_DATABASE_POSTGRES${major}_CONNECTION_STRING`;

/**
 * PostgreSQL for `TestDatabases`: when no BACKSTAGE_TEST_DATABASE_POSTGRES<N>_CONNECTION_STRING is
 * set and Debian's `postgresql` is installed, points that variable at a throw-away cluster that
 * `ready()` starts (about a second) and `stop()` removes. Call it before `TestDatabases.create`,
 * which reads the variables. Otherwise does nothing, and the PostgreSQL tests are skipped.
 */
export function localPostgres(): {
  ready(): Promise<void>;
  stop(): Promise<void>;
} {
  const none = { ready: async () => {}, stop: async () => {} };
  if (VERSIONS.some(v => process.env[envVar(v)])) return none;
  const { found } = findBinaries();
  const major = Number(/postgresql\/(\d+)\//.exec(found.postgres ?? '')?.[1]);
  if (!found.initdb || !found.postgres || !VERSIONS.includes(major)) {
    return none;
  }
  // Chosen now because TestDatabases reads the variable when it is created; a clash with a port
  // in use shows as a failed start in ready().
  const port = 20000 + Math.floor(Math.random() * 30000);
  process.env[envVar(major)] = `postgresql://postgres@127.0.0.1:${port}`;
  let server: Promise<Server> | undefined;
  let dir: string | undefined;
  return {
    async ready() {
      dir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'edp-test-pg-'));
      fs.chmodSync(dir, 0o755);
      server ??= startPostgres(found as any, path.join(dir, 'data'), port);
      await server;
    },
    async stop() {
      await (await server?.catch(() => undefined))?.stop();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
