/**
 * `yarn bench:discovery`: what one discovery scan costs against the sandbox's Forgejo stand-in
 * (organisations platform and labs): upstream requests, locations found, and scan time p50/p95,
 * with and without 50 ms of injected upstream latency. Not part of the test run.
 */
import { ForgejoClient } from '@edp/plugin-forgejo-node';
import { startTestSandbox } from '@edp/sandbox';
import { ForgejoEntityProvider } from '../src/ForgejoEntityProvider';
import { readProviderConfigs } from '../src/providerConfig';
import { sandboxConfig } from '../src/__testUtils__/sandbox';

const RUNS = 20;
const quiet = {
  info() {},
  warn() {},
  error() {},
  debug() {},
  child: () => quiet,
} as any;

function percentile(sorted: number[], p: number) {
  return sorted[
    Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
  ];
}

async function main() {
  const sandbox = await startTestSandbox(['forgejo']);
  try {
    const config = sandboxConfig(sandbox, {
      bench: { organizations: ['platform', 'labs'] },
    });
    let requests = 0;
    const counting: typeof fetch = (input, init) => {
      requests++;
      return fetch(input, init);
    };
    const client = ForgejoClient.fromConfig(config, { fetch: counting });
    const [discovery] = readProviderConfigs(config, client.hosts.list());
    const provider = new ForgejoEntityProvider(discovery, client, quiet);
    await provider.connect({
      applyMutation: async () => {},
      refresh: async () => {},
    });

    for (const latencyMs of [0, 50]) {
      if (latencyMs) sandbox.faults.set('forgejo', { latencyMs });
      const times: number[] = [];
      let perScan = 0;
      let locations = 0;
      for (let i = 0; i < RUNS; i++) {
        requests = 0;
        const started = performance.now();
        const result = await provider.refresh();
        times.push(performance.now() - started);
        perScan = requests;
        locations = result.locations.length;
      }
      times.sort((a, b) => a - b);
      console.log(
        `upstream latency ${latencyMs} ms: ${perScan} requests per scan, ${locations} locations; scan p50 ${percentile(
          times,
          50,
        ).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(
          1,
        )} ms (${RUNS} scans)`,
      );
      sandbox.faults.clear('forgejo');
    }
  } finally {
    await sandbox.stop();
  }
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
