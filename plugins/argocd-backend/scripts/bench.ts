/* eslint-disable no-console */
/**
 * Benchmark of one entity page view (overview + history cards) against the ArgoCD stand-in.
 * Not part of the test run: `yarn bench:argocd` from the repository root.
 *
 * Setup (issue 4): 5 stand-in instances, 50 ms latency on each, one entity whose selector matches
 * 2 applications (on two instances) with 9 history entries between them.
 * A page view is what the cards do: GET overview and GET history in parallel, then one POST for the
 * revision metadata of the history rows on screen. The resources view is measured after it
 * (benchResources.ts).
 */
import os from 'node:os';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { ArgoCDClient } from '@edp/plugin-argocd-node';
import { againstLimit, limitOf } from '@edp/sandbox';
import { argocdBackendPlugin } from '../src/plugin';
import { benchResourcesView } from './benchResources';
import { INSTANCES, PART_OF, startSandboxProcess } from './benchSandbox';

const LATENCY_MS = 50;
const TIMEOUT_MS = 1000;
const COLD_SAMPLES = Number(process.env.BENCH_COLD ?? 15);
const WARM_SAMPLES = Number(process.env.BENCH_WARM ?? 100);

const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'bench-service',
    namespace: 'default',
    annotations: {
      'argocd/app-selector': `app.kubernetes.io/part-of=${PART_OF}`,
    },
  },
  spec: { type: 'service', owner: 'team', lifecycle: 'production' },
};

/** Counts requests the backend sends to ArgoCD (all of them go through global fetch). */
function countUpstream(baseUrls: string[]) {
  const counter = { total: 0, byPath: new Map<string, number>() };
  const original = globalThis.fetch;
  globalThis.fetch = (async (input: any, init?: any) => {
    const url = typeof input === 'string' ? input : input.url ?? String(input);
    if (baseUrls.some(b => url.startsWith(b))) {
      counter.total += 1;
      const p = new URL(url).pathname
        .replace(/\/revisions\/[^/]+\//, '/revisions/{rev}/')
        .replace(/applications\/[^/]+\//, 'applications/{app}/');
      counter.byPath.set(p, (counter.byPath.get(p) ?? 0) + 1);
    }
    return original(input, init);
  }) as typeof fetch;
  return counter;
}

/**
 * The limit of a page view: the upstream requests it cannot avoid, sent straight to the stand-ins in
 * this run with argocd-node's client (the one the backend uses, so the same requests): the
 * application list of every instance together, then the metadata of every revision they name
 * together (2 sequential round trips).
 */
function upstreamRoundTrips(urls: Record<string, string>) {
  const clients = INSTANCES.map(
    name =>
      new ArgoCDClient({
        name,
        url: urls[name],
        uiUrl: urls[name],
        timeoutMs: 5 * TIMEOUT_MS,
        auth: { type: 'token', token: `${name}-token` },
        configKey: `bench instance ${name}`,
      }),
  );
  return async () => {
    const started = performance.now();
    const lists = await Promise.all(
      clients.map(async client => ({
        client,
        apps: await client.listApplications({
          selector: `app.kubernetes.io/part-of=${PART_OF}`,
        }),
      })),
    );
    await Promise.all(
      lists.flatMap(({ client, apps }) =>
        apps.flatMap(({ metadata, status }) =>
          (status?.history ?? []).map(h =>
            client.getRevisionMetadata(
              metadata?.name ?? '',
              h.revision ?? '',
              metadata?.namespace,
            ),
          ),
        ),
      ),
    );
    return performance.now() - started;
  };
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ];
};

async function main() {
  console.log(
    `load average before: ${os
      .loadavg()
      .map(l => l.toFixed(2))
      .join(' ')} (${os.cpus().length} CPUs)`,
  );
  const sandbox = await startSandboxProcess(LATENCY_MS);
  const urls = sandbox.urls;
  const roundTrips = upstreamRoundTrips(urls);
  await roundTrips(); // warm-up
  const upstream = countUpstream(Object.values(urls));

  const startBackend = (auth: 'token' | 'session') =>
    startTestBackend({
      features: [
        argocdBackendPlugin,
        catalogServiceMock.factory({ entities: [entity as any] }),
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
        mockServices.rootConfig.factory({
          data: {
            integrations: {
              gitea: [
                { host: '127.0.0.1:7101', baseUrl: 'http://127.0.0.1:7101' },
              ],
            },
            argocd: {
              appLocatorMethods: [
                {
                  type: 'config',
                  instances: INSTANCES.map(name => ({
                    name,
                    url: urls[name],
                    timeoutMs: TIMEOUT_MS,
                    ...(auth === 'token'
                      ? { token: `${name}-token` }
                      : { username: 'admin', password: `${name}-pw` }),
                  })),
                },
              ],
            },
          },
        }),
      ],
    });

  /** One page view; returns [overview ms, full page ms, browser requests, revisions shown]. */
  async function pageView(baseUrl: string) {
    const api = `${baseUrl}/api/edp-argocd/entity/component/default/bench-service`;
    const t0 = performance.now();
    let overviewMs = 0;
    const [, history] = await Promise.all([
      fetch(`${api}/overview`).then(async r => {
        await r.json();
        overviewMs = performance.now() - t0;
      }),
      fetch(`${api}/history`).then(r => r.json()),
    ]);
    const cardsMs = performance.now() - t0; // both cards have their rows; metadata fills in after
    const refs = history.applications
      .flatMap((a: any) =>
        a.deployments.map((d: any) => ({
          instance: a.instance,
          app: a.name,
          namespace: a.namespace,
          revision: d.revision,
        })),
      )
      .slice(0, history.metadataLimit);
    const meta = await fetch(`${api}/history/metadata`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ revisions: refs }),
    }).then(r => r.json());
    if (meta.revisions.some((r: any) => !r.ok))
      throw new Error(
        `metadata failed: ${JSON.stringify(
          meta.revisions.find((r: any) => !r.ok),
        )}`,
      );
    const deployments = history.applications.reduce(
      (n: number, a: any) => n + a.deployments.length,
      0,
    );
    return {
      overviewMs,
      cardsMs,
      pageMs: performance.now() - t0,
      browserRequests: 3,
      revisionsShown: refs.length,
      deployments,
    };
  }

  const report = (label: string, values: number[]) =>
    console.log(
      `  ${label.padEnd(34)} p50 ${percentile(values, 50).toFixed(
        1,
      )} ms   p95 ${percentile(values, 95).toFixed(1)} ms   (n=${
        values.length
      })`,
    );

  // One discarded page view first, so that "cold" measures a cold cache, not a cold JIT.
  {
    const backend = await startBackend('token');
    await pageView(
      `http://localhost:${(backend.server.address() as any).port}`,
    );
    await backend.stop();
  }

  for (const auth of ['token', 'session'] as const) {
    const cold: number[] = [];
    const coldOverview: number[] = [];
    const coldUpstream: number[] = [];
    let shape = { browserRequests: 0, revisionsShown: 0, deployments: 0 };
    let coldPaths = new Map<string, number>();
    // Timed right after each cold page view, so that both see the same machine load.
    const limitTimes: number[] = [];
    for (let i = 0; i < COLD_SAMPLES; i++) {
      upstream.total = 0;
      const backend = await startBackend(auth);
      const base = `http://localhost:${(backend.server.address() as any).port}`;
      // Session instances log in when the backend starts; give that a moment, and count it apart.
      if (auth === 'session')
        await new Promise(resolve => setTimeout(resolve, 300));
      const startupRequests = upstream.total;
      upstream.total = 0;
      upstream.byPath.clear();
      const view = await pageView(base);
      cold.push(view.pageMs);
      coldOverview.push(view.overviewMs);
      if (process.env.BENCH_DEBUG)
        console.log(
          `    cold sample ${i}: overview ${view.overviewMs.toFixed(
            1,
          )} ms, page ${view.pageMs.toFixed(1)} ms`,
        );
      coldUpstream.push(upstream.total);
      coldPaths = new Map(upstream.byPath);
      shape = view;
      // After the counts were taken: these requests are the benchmark's own.
      limitTimes.push(await roundTrips());
      if (i === COLD_SAMPLES - 1) {
        // Warm: the same backend, page views within the cache TTL.
        upstream.total = 0;
        const warm: number[] = [];
        const warmOverview: number[] = [];
        for (let w = 0; w < WARM_SAMPLES; w++) {
          const warmView = await pageView(base);
          warm.push(warmView.pageMs);
          warmOverview.push(warmView.overviewMs);
        }
        console.log(
          `\n== ${
            auth === 'token'
              ? 'static token'
              : 'session login (username/password)'
          } instances ==`,
        );
        console.log(
          `  page view: ${shape.browserRequests} browser->backend requests; ${shape.deployments} deployments listed, ${shape.revisionsShown} revisions shown`,
        );
        if (auth === 'session')
          console.log(
            `  upstream ArgoCD requests at backend start (session logins): ${startupRequests}`,
          );
        console.log(
          `  upstream ArgoCD requests, cold: ${
            coldUpstream[0]
          } per page view  [${[...coldPaths]
            .map(([p, n]) => `${p} x${n}`)
            .join(', ')}]`,
        );
        console.log(
          `  upstream ArgoCD requests, warm: ${upstream.total} over ${WARM_SAMPLES} page views`,
        );
        report('latency cold (full page)', cold);
        report('latency warm (full page)', warm);
        console.log(
          `  ${againstLimit(
            'cold p50 (full page)',
            percentile(cold, 50),
            limitOf(
              percentile(limitTimes, 50),
              'every instance listed together, then every revision metadata together: 2 sequential round trips',
            ),
          )}`,
        );
        report('latency cold (overview card)', coldOverview);
        report('latency warm (overview card)', warmOverview);
      }
      await backend.stop();
    }
  }

  await benchResourcesView({
    startBackend: () => startBackend('token'),
    upstream,
    coldSamples: COLD_SAMPLES,
    warmSamples: WARM_SAMPLES,
  });

  // One instance (with no matching application) hangs: the page must answer within its timeout + 50 ms.
  await sandbox.setFault('argocd/five', { hang: true, latencyMs: LATENCY_MS });
  const hanging: number[] = [];
  const hangingPage: number[] = [];
  for (let i = 0; i < 5; i++) {
    const backend = await startBackend('token');
    const view = await pageView(
      `http://localhost:${(backend.server.address() as any).port}`,
    );
    hanging.push(view.cardsMs);
    hangingPage.push(view.pageMs);
    await backend.stop();
  }
  console.log(
    `\n== one of 5 instances hanging (timeout ${TIMEOUT_MS} ms, cold cache) ==`,
  );
  report('both cards answered', hanging);
  report('full page (overview+history+metadata)', hangingPage);
  console.log(
    `  target: page answers within ${TIMEOUT_MS + 50} ms (timeout + 50 ms)`,
  );

  sandbox.stop();
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
