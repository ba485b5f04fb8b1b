/* eslint-disable no-console */
/**
 * The resources view's part of `yarn bench:argocd`: the tab's list (the overview request), then
 * opening one application (its tree and events) and one of its diffs, each one browser request.
 * Cold = a fresh backend per view; warm = the same backend again within the cache TTL.
 */

type Backend = { server: { address(): any }; stop(): Promise<void> };

export interface UpstreamCounter {
  total: number;
  byPath: Map<string, number>;
}

const p50 = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.ceil(values.length / 2) - 1];

async function timed(url: string) {
  const t0 = performance.now();
  const res = await fetch(url);
  const body = await res.json();
  if (!res.ok) throw new Error(`${url}: ${res.status} ${JSON.stringify(body)}`);
  return { ms: performance.now() - t0, body };
}

/** One view of the tab with one application and one diff opened; latencies of each request. */
async function view(base: string) {
  const entity = `${base}/api/edp-argocd/entity/component/default/bench-service`;
  const app = `${entity}/applications/two/bench-dev`;
  const list = await timed(`${entity}/overview`);
  const resources = await timed(`${app}/resources?namespace=argocd`);
  const diff = await timed(`${app}/diff?namespace=argocd`);
  if (resources.body.resources.length === 0 || diff.body.diffs.length === 0)
    throw new Error('the bench application has no resources or no diff');
  return { list: list.ms, resources: resources.ms, diff: diff.ms };
}

export async function benchResourcesView(options: {
  startBackend: () => Promise<Backend>;
  upstream: UpstreamCounter;
  coldSamples: number;
  warmSamples: number;
}) {
  const { startBackend, upstream, coldSamples, warmSamples } = options;
  const cold = {
    list: [] as number[],
    resources: [] as number[],
    diff: [] as number[],
  };
  const warm = {
    list: [] as number[],
    resources: [] as number[],
    diff: [] as number[],
  };
  let coldUpstream = 0;
  let coldPaths = new Map<string, number>();
  let warmUpstream = 0;
  for (let i = 0; i < coldSamples; i++) {
    const backend = await startBackend();
    const base = `http://localhost:${backend.server.address().port}`;
    upstream.total = 0;
    upstream.byPath.clear();
    const c = await view(base);
    cold.list.push(c.list);
    cold.resources.push(c.resources);
    cold.diff.push(c.diff);
    coldUpstream = upstream.total;
    coldPaths = new Map(upstream.byPath);
    if (i === coldSamples - 1) {
      upstream.total = 0;
      for (let w = 0; w < warmSamples; w++) {
        const v = await view(base);
        warm.list.push(v.list);
        warm.resources.push(v.resources);
        warm.diff.push(v.diff);
      }
      warmUpstream = upstream.total;
    }
    await backend.stop();
  }
  const line = (label: string, c: number[], w: number[]) =>
    console.log(
      `  ${label.padEnd(30)} p50 cold ${p50(c).toFixed(1)} ms   p50 warm ${p50(
        w,
      ).toFixed(1)} ms`,
    );
  console.log(
    `\n== resources view (tab list + one application opened + one diff opened: 3 browser requests) ==`,
  );
  console.log(
    `  upstream ArgoCD requests, cold: ${coldUpstream} per view  [${[
      ...coldPaths,
    ]
      .map(([p, n]) => `${p} x${n}`)
      .join(', ')}]`,
  );
  console.log(
    `  upstream ArgoCD requests, warm: ${warmUpstream} over ${warmSamples} views`,
  );
  line('tab list (overview request)', cold.list, warm.list);
  line('application opened (tree+events)', cold.resources, warm.resources);
  line('diff opened (managed-resources)', cold.diff, warm.diff);
  console.log(`  (n=${coldSamples} cold, ${warmSamples} warm)`);
}
