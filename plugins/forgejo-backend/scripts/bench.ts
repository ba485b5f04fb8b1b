/*
 * Benchmark of one overview card view: upstream requests and latency, cold and warm, with 50 ms of
 * latency injected into every Forgejo stand-in answer.
 *
 *   yarn bench:forgejo            (from the repository root)
 *   BENCH_ROUNDS=30 yarn bench:forgejo
 *
 * Starts the Forgejo stand-in (packages/sandbox) and the real forgejo backend plugin in a test backend
 * (startTestBackend: real http router, auth, cache service; mock catalog and an allow-all permission
 * policy), then times GET /api/forgejo/entity/component/default/payments-api/overview over HTTP.
 * The very first view is reported on its own (with the upstream routes it called). "Cold" requests
 * carry ?fresh=true, which drops the cached answer first; "warm" ones are served within the cache TTL.
 * Then one cold view of each other seeded repository, for its upstream call count. Last, the CI card
 * (whose answer also says whether the caller may start workflows, a permission decision that costs no
 * upstream call): one cold and one warm view.
 */
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  againstLimit,
  forgejoIntegrationOf,
  limitOf,
  startTestSandbox,
} from '@edp/sandbox';
import type { AddressInfo } from 'node:net';
import { ConfigReader } from '@backstage/config';
import { ForgejoClient } from '@edp/plugin-forgejo-node';
import { forgejoBackendPlugin } from '../src/plugin';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
const LATENCY_MS = 50;
const REPOS = ['payments-api', 'web-shop', 'inventory-service'];

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(
    sorted.length - 1,
    Math.ceil((p / 100) * sorted.length) - 1,
  );
  return sorted[Math.max(0, index)];
}

async function main() {
  const sandbox = await startTestSandbox(['forgejo'], {
    faults: { forgejo: { latencyMs: LATENCY_MS } },
  });
  const forgejoUrl = sandbox.endpoints.forgejo.api;
  const counter = (sandbox.standIns.get('forgejo')!.state as any).counter as {
    snapshot(): { total: number; byRoute: Record<string, number> };
  };
  const backend = await startTestBackend({
    features: [
      forgejoBackendPlugin,
      mockServices.rootConfig.factory({
        data: {
          integrations: { gitea: [forgejoIntegrationOf(sandbox)] },
          forgejo: { cacheTtl: '5m' },
        },
      }),
      mockServices.permissions.factory({ result: 'ALLOW' as any }),
      catalogServiceMock.factory({
        entities: REPOS.map(name => ({
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: {
            name,
            namespace: 'default',
            annotations: { 'forgejo.org/repo-slug': `platform/${name}` },
          },
          spec: {},
        })),
      }),
    ],
  });
  const { port } = backend.server.address() as AddressInfo;
  const urlOf = (name: string, card = 'overview') =>
    `http://127.0.0.1:${port}/api/forgejo/entity/component/default/${name}/${card}`;
  const url = urlOf('payments-api');

  const view = async (fresh: boolean, target = url) => {
    const before = counter.snapshot().total;
    const started = performance.now();
    const res = await fetch(fresh ? `${target}?fresh=true` : target);
    await res.json();
    const ms = performance.now() - started;
    if (!res.ok) throw new Error(`overview answered ${res.status}`);
    return { ms, upstream: counter.snapshot().total - before };
  };

  try {
    const first = await view(true);
    const firstRoutes = counter.snapshot().byRoute;
    const cold: Array<{ ms: number; upstream: number }> = [];
    const warm: Array<{ ms: number; upstream: number }> = [];
    // The limit: what the card cannot avoid, sent straight to the stand-in by a client of its own
    // (no backend, no cache), each time right after a cold view (same load): the newest commit
    // (languages and latest release alongside), then its combined status.
    const direct = ForgejoClient.fromConfig(
      new ConfigReader({
        integrations: { gitea: [forgejoIntegrationOf(sandbox)] },
      }),
    );
    const ref = {
      host: direct.hosts.list()[0],
      owner: 'platform',
      repo: 'payments-api',
    };
    const roundTrips = async () => {
      const started = performance.now();
      const [commits] = await Promise.all([
        direct.listCommits(ref, { limit: 1 }),
        direct.getLanguages(ref),
        direct.getLatestRelease(ref),
      ]);
      await direct.getCombinedStatus(ref, commits.items[0].sha!);
      return performance.now() - started;
    };
    await roundTrips(); // warm-up
    const limitTimes: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      cold.push(await view(true));
      limitTimes.push(await roundTrips());
    }
    const limit = limitOf(
      percentile(limitTimes, 50),
      'commits, languages and latest release together, then the newest commit status: 2 sequential round trips',
    );
    await view(false); // fill the cache
    for (let i = 0; i < ROUNDS; i++) warm.push(await view(false));

    const summary = (name: string, runs: typeof cold) => {
      const ms = runs.map(r => r.ms);
      const upstream = runs.map(r => r.upstream);
      return (
        `${name.padEnd(5)} upstream requests per view: ${Math.min(
          ...upstream,
        )}–${Math.max(...upstream)}` +
        `   p50 ${percentile(ms, 50).toFixed(1)} ms   p95 ${percentile(
          ms,
          95,
        ).toFixed(1)} ms   (${runs.length} views)`
      );
    };
    console.log(
      `Forgejo overview card, ${LATENCY_MS} ms injected upstream latency, stand-in ${forgejoUrl}`,
    );
    console.log(
      `first view: ${first.upstream} upstream requests, ${first.ms.toFixed(
        1,
      )} ms`,
    );
    console.log(
      `  ${Object.entries(firstRoutes)
        .map(([r, n]) => `${n}× ${r}`)
        .join('\n  ')}`,
    );
    console.log(summary('cold', cold));
    console.log(summary('warm', warm));
    console.log(
      againstLimit(
        'cold p50',
        percentile(
          cold.map(r => r.ms),
          50,
        ),
        limit,
      ),
    );
    for (const name of REPOS.slice(1)) {
      const other = await view(true, urlOf(name));
      console.log(
        `platform/${name}: ${
          other.upstream
        } upstream requests cold, ${other.ms.toFixed(1)} ms`,
      );
    }
    const ci = urlOf('payments-api', 'ci');
    const ciCold = await view(true, ci);
    const ciWarm = await view(false, ci);
    console.log(
      `CI card (with canDispatch): ${ciCold.upstream} upstream requests cold, ${ciWarm.upstream} warm`,
    );
  } finally {
    await backend.stop();
    await sandbox.stop();
  }
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
