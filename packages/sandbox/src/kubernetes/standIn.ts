import type { StandIn } from '../host/types';
import { createKubeApp } from './app';
import type { KubeCluster } from './store/cluster';
import { parseKubeConfig } from './config';
import { bootstrapCluster } from './bootstrap';
import { ensureCertificate, listenTls } from './tls';
import { startWorkloadStatus } from './controllers/workloads';

/** What the stand-in shares with other stand-ins and tests (`RunningStandIn.state`). */
export interface KubeStandInState {
  /** The API's objects and semantics, in process: read, write and watch without HTTP. */
  cluster: KubeCluster;
  /** PEM of the self-signed certificate of the HTTPS endpoint (use it as the CA). */
  caCertificate: string;
  /** Tokens with write access. */
  tokens: string[];
}

/**
 * The Kubernetes API stand-in, over HTTP (what the portal uses) and HTTPS (kubectl sends tokens only
 * over TLS). Its `state` holds the in-process `KubeCluster`, which other stand-ins (the ArgoCD
 * reconciler) read, write and watch without HTTP.
 */
export const kubernetesStandIn: StandIn = {
  name: 'kubernetes',
  async start(ctx) {
    const config = parseKubeConfig(ctx.config);
    const cluster = bootstrapCluster(config);
    const stopWorkloads = startWorkloadStatus(cluster, config.workloadDelayMs);
    const app = createKubeApp({
      cluster,
      tokens: config.tokens,
      readOnlyTokens: config.readOnlyTokens,
      faults: ctx.faults.middleware('kubernetes'),
    });
    const url = await ctx.listen(app, 'kubernetes');
    const tls = ensureCertificate(ctx.dataDir);
    const secure = await listenTls(app, config.httpsPort, tls);
    ctx.log(
      `Kubernetes API at ${url} and ${secure.url} (${
        cluster.registry.all().length
      } kinds)`,
    );
    const state: KubeStandInState = {
      cluster,
      caCertificate: tls.cert,
      tokens: config.tokens,
    };
    return {
      endpoints: { api: url, https: secure.url },
      state,
      async stop() {
        stopWorkloads();
        await secure.close();
      },
    };
  },
};
