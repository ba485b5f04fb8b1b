import fs from 'node:fs';
import path from 'node:path';
import type { RunningStandIn, StandIn } from '../host/types';
import { createArgoCdApp } from './app';
import { SimulatedController } from './controller';
import { alignWithForgejo } from './forgejoAlignment';
import { ArgoCdInstance } from './instance';
import './kubernetesObjectStore';
import './memoryStore';
import { createObjectStore } from './objectStore';
import {
  loadSeedApplications,
  loadSeedObjects,
  normaliseApplication,
  RevisionCatalog,
} from './seeds';
import { parseArgoCdSettings } from './settings';
import { getApplicationStoreFactory, type ApplicationStore } from './store';

/** What the ArgoCD stand-in shares through `RunningStandIn.state` (tests, benchmarks, other stand-ins). */
export interface ArgoCdStandInState {
  /** The running instances by name. */
  instances: Map<string, ArgoCdInstance>;
  /** Requests received per instance since start (or the last reset), counted before faults apply. */
  requestCounts(): Record<string, number>;
  resetRequestCounts(): void;
}

/**
 * ArgoCD's API server (and, for the in-memory store, its application controller), as several
 * instances on their own ports (`argocd-<instance>`), each with its own applications, accounts,
 * tokens and faults (`argocd/<instance>`). Configured by the `argocd:` section of the sandbox config.
 */
export const argocdStandIn: StandIn = {
  name: 'argocd',
  // Instances with `store: kubernetes` keep their Applications in the Kubernetes stand-in, so it
  // starts first (and is started along with ArgoCD when a test asks only for `argocd`).
  dependsOn: ['kubernetes'],
  async start(ctx): Promise<RunningStandIn> {
    const settings = parseArgoCdSettings(ctx.config);
    const catalog = RevisionCatalog.load(
      path.join(settings.seedDir, 'revisions.yaml'),
    );
    const instances = new Map<string, ArgoCdInstance>();
    const controllers: SimulatedController[] = [];
    const stores: ApplicationStore[] = [];
    const endpoints: Record<string, string> = {};

    const stop = async () => {
      for (const controller of controllers) controller.stop();
      await Promise.all(
        stores.map(s =>
          s.close?.().catch(e => ctx.log(`closing a store failed: ${e}`)),
        ),
      );
    };

    let seeds = settings.instances.map(instanceSettings => [
      ...loadSeedApplications(instanceSettings.seedFiles),
      ...instanceSettings.applications.map((app, i) =>
        normaliseApplication(
          app,
          `argocd.instances.${instanceSettings.name}.applications[${i}]`,
        ),
      ),
    ]);
    const forgejoUrl = ctx.peers.get('forgejo')?.endpoints.api;
    if (settings.alignWithForgejo && forgejoUrl) {
      seeds = await alignWithForgejo({
        forgejoUrl,
        token: settings.forgejoToken,
        catalog,
        applications: seeds,
        log: ctx.log,
      });
    }

    try {
      for (const [index, instanceSettings] of settings.instances.entries()) {
        const seed = seeds[index];
        const dataDir = path.join(ctx.dataDir, instanceSettings.name);
        fs.mkdirSync(dataDir, { recursive: true });
        // Projects and clusters first: the reconciler of a Kubernetes-backed store checks
        // Applications against them from its first run.
        const objects = await createObjectStore(instanceSettings.store, {
          instance: instanceSettings.name,
          seed: loadSeedObjects(instanceSettings.seedFiles),
          peers: ctx.peers,
        });
        const store = await getApplicationStoreFactory(instanceSettings.store)({
          instance: instanceSettings.name,
          instanceConfig: instanceSettings.raw,
          config: ctx.config,
          seed,
          dataDir,
          peers: ctx.peers,
          log: m => ctx.log(`${instanceSettings.name}: ${m}`),
        });
        stores.push(store);
        const instance = new ArgoCdInstance(
          instanceSettings,
          settings,
          store,
          catalog,
          objects,
        );
        if (!store.reconciles) {
          const controller = new SimulatedController(instance);
          controller.start();
          controllers.push(controller);
        }
        endpoints[instanceSettings.name] = await ctx.listen(
          createArgoCdApp(instance, ctx.faults),
          instanceSettings.portName,
        );
        instances.set(instanceSettings.name, instance);
        ctx.log(
          `${instanceSettings.name}: ${seed.length} applications, store ${
            instanceSettings.store
          }, ${endpoints[instanceSettings.name]}`,
        );
      }
    } catch (e) {
      await stop();
      throw e;
    }

    const state: ArgoCdStandInState = {
      instances,
      requestCounts: () =>
        Object.fromEntries(
          [...instances].map(([name, i]) => [name, i.requests.total]),
        ),
      resetRequestCounts: () => instances.forEach(i => i.requests.reset()),
    };
    return { endpoints, state, stop };
  },
};
