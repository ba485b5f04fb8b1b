/* eslint-disable no-console */
/**
 * `yarn bench:discovery`: what discovery scans cost against the sandbox's Forgejo stand-in, with
 * 50 ms of latency injected into every Forgejo answer. Not part of the test run.
 *
 * 1. The seeded organisations platform and labs (6 catalog files).
 * 2. 2,000 repositories in two organisations (bulk-a, bulk-b), created in the stand-in by this
 *    benchmark (seedBulkRepositories), 1 in 4 with a catalog file.
 *
 * For each: upstream requests and time of the first scan (nothing remembered) and of an unchanged
 * rescan, each against its limit: the round trips it cannot avoid at the client's concurrency cap,
 * timed directly in the same run. The scans are remembered in a SQLite catalog database, as the
 * module does in a backend. Checks that an unchanged rescan of the 2,000 costs at most the listing
 * pages plus 1 % of the repositories, and exits non-zero otherwise.
 */
import os from 'node:os';
import { ConfigReader } from '@backstage/config';
import { DatabaseManager } from '@backstage/backend-defaults/database';
import { ForgejoClient } from '@edp/plugin-forgejo-node';
import {
  againstLimit,
  limitOf,
  seedBulkRepositories,
  startTestSandbox,
  type BenchLimit,
} from '@edp/sandbox';
import { DatabaseScanMemory } from '../src/DatabaseScanMemory';
import { ForgejoEntityProvider } from '../src/ForgejoEntityProvider';
import { readProviderConfigs } from '../src/providerConfig';
import { sandboxConfig } from '../src/__testUtils__/sandbox';

const LATENCY_MS = 50;
const RESCANS = Number(process.env.BENCH_RESCANS ?? 9);
const BULK_PER_ORG = Number(process.env.BENCH_BULK_PER_ORG ?? 1000);
/** The Forgejo client's default cap of requests in flight per host. */
const CONCURRENCY = 8;
const PAGE_SIZE = 50;

const quiet = {
  info() {},
  warn() {},
  error() {},
  debug() {},
  child: () => quiet,
} as any;
const noLifecycle = {
  addStartupHook() {},
  addShutdownHook() {},
  addBeforeShutdownHook() {},
} as any;

const p50 = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.ceil(values.length / 2) - 1];

async function main() {
  console.log(
    `load average before: ${os
      .loadavg()
      .map(l => l.toFixed(2))
      .join(' ')} (${os.cpus().length} CPUs)`,
  );
  const sandbox = await startTestSandbox(['forgejo']);
  const forgejo = sandbox.endpoints.forgejo.api;
  const seedStarted = performance.now();
  const seeded = await seedBulkRepositories(sandbox, {
    organizations: ['bulk-a', 'bulk-b'],
    perOrganization: BULK_PER_ORG,
    withCatalogFile: i => i % 4 === 0,
  });
  console.log(
    `seeded ${seeded.repositories} repositories (${
      seeded.withCatalogFile
    } with a catalog file) in bulk-a and bulk-b in ${(
      (performance.now() - seedStarted) /
      1000
    ).toFixed(1)} s`,
  );
  sandbox.faults.set('forgejo', { latencyMs: LATENCY_MS });
  const databases = DatabaseManager.fromConfig(
    new ConfigReader({
      backend: {
        database: { client: 'better-sqlite3', connection: ':memory:' },
      },
    }),
  );
  try {
    /** One round trip to the stand-in, timed through a client of its own (no provider, no memory). */
    const direct = ForgejoClient.fromConfig(sandboxConfig(sandbox));
    const host = direct.hosts.list()[0];
    const roundTrip = async (call: () => Promise<unknown>) => {
      const times: number[] = [];
      for (let i = 0; i < 10; i++) {
        const started = performance.now();
        await call();
        if (i > 0) times.push(performance.now() - started);
      }
      return p50(times);
    };

    const bench = async (
      title: string,
      organizations: string[],
      sample: { org: string; repo: string },
    ) => {
      const config = sandboxConfig(sandbox, { bench: { organizations } });
      let requests = 0;
      const counting: typeof fetch = (input, init) => {
        requests++;
        return fetch(input, init);
      };
      const client = ForgejoClient.fromConfig(config, { fetch: counting });
      const [discovery] = readProviderConfigs(config, client.hosts.list());
      const database = databases.forPlugin('catalog', {
        logger: quiet,
        lifecycle: noLifecycle,
      });
      const provider = new ForgejoEntityProvider(discovery, client, quiet, {
        memory: new DatabaseScanMemory(database),
      });
      await provider.connect({
        applyMutation: async () => {},
        refresh: async () => {},
      });

      const pageRt = await roundTrip(() =>
        direct.listOrganizationRepositories(host, sample.org, {
          page: 1,
          limit: PAGE_SIZE,
        }),
      );
      const fileRt = await roundTrip(() =>
        direct.hasFile(
          { host, owner: sample.org, repo: sample.repo },
          'catalog-info.yaml',
          'main',
        ),
      );

      let started = performance.now();
      const first = await provider.refresh();
      const firstMs = performance.now() - started;
      const firstRequests = requests;
      const pages = organizations.length
        ? first.scans.reduce(
            (n, s) => n + Math.max(1, Math.ceil(s.repositories / PAGE_SIZE)),
            0,
          )
        : 0;
      const checked = first.scans.reduce((n, s) => n + s.checked, 0);
      const repositories = first.scans.reduce((n, s) => n + s.repositories, 0);
      // First pages of all organisations together, then the other pages and the file checks at the
      // client's cap of requests in flight.
      const listingRounds =
        1 + Math.ceil((pages - organizations.length) / CONCURRENCY);
      const firstLimit: BenchLimit = limitOf(
        listingRounds * pageRt + Math.ceil(checked / CONCURRENCY) * fileRt,
        `${listingRounds} rounds of listing pages x ${pageRt.toFixed(
          1,
        )} ms + ${Math.ceil(checked / CONCURRENCY)} rounds of ${Math.min(
          CONCURRENCY,
          checked,
        )} file checks x ${fileRt.toFixed(1)} ms`,
      );
      const rescanLimit: BenchLimit = limitOf(
        listingRounds * pageRt,
        `${listingRounds} rounds of listing pages x ${pageRt.toFixed(1)} ms`,
      );

      const times: number[] = [];
      let rescanRequests = 0;
      let rescanChecked = 0;
      for (let i = 0; i < RESCANS; i++) {
        requests = 0;
        started = performance.now();
        const again = await provider.refresh();
        times.push(performance.now() - started);
        rescanRequests = Math.max(rescanRequests, requests);
        rescanChecked = Math.max(
          rescanChecked,
          again.scans.reduce((n, s) => n + s.checked, 0),
        );
        if (again.locations.length !== first.locations.length)
          throw new Error(
            `an unchanged rescan found ${again.locations.length} locations, the first scan ${first.locations.length}`,
          );
      }

      console.log(
        `\n== ${title}: ${repositories} repositories, ${first.locations.length} catalog files, ${pages} listing pages ==`,
      );
      console.log(
        `  first scan:       ${firstRequests} requests (${pages} pages + ${checked} file checks)`,
      );
      console.log(`    ${againstLimit('time', firstMs, firstLimit)}`);
      console.log(
        `  unchanged rescan: ${rescanRequests} requests (${rescanChecked} file checks), at most ${
          pages + Math.floor(repositories / 100)
        } allowed (pages + 1 % of repositories)`,
      );
      console.log(
        `    ${againstLimit(
          `time p50 of ${RESCANS}`,
          p50(times),
          rescanLimit,
        )}`,
      );
      return {
        ok: rescanRequests <= pages + Math.floor(repositories / 100),
      };
    };

    console.log(
      `Forgejo discovery, ${LATENCY_MS} ms injected upstream latency, stand-in ${forgejo}`,
    );
    await bench(
      'seeded organisations platform and labs',
      ['platform', 'labs'],
      {
        org: 'platform',
        repo: 'payments-api',
      },
    );
    const bulk = await bench('bulk-a and bulk-b', ['bulk-a', 'bulk-b'], {
      org: 'bulk-a',
      repo: 'repo-0004',
    });
    if (!bulk.ok) {
      console.error(
        'FAIL: the unchanged rescan of the 2,000 repositories made more requests than the listing pages plus 1 %',
      );
      process.exitCode = 1;
    }
  } finally {
    await sandbox.stop();
  }
}

// The catalog database's connection pool would keep the process alive.
main().then(
  () => process.exit(process.exitCode ?? 0),
  e => {
    console.error(e);
    process.exit(1);
  },
);
