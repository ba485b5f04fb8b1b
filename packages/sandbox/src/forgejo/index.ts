import fs from 'node:fs';
import path from 'node:path';
import type { RunningStandIn, StandIn } from '../host/types';
import { createForgejoApp } from './app';
import type { ApiContext } from './http/context';
import { ForgejoStore } from './model';
import { RequestCounter } from './requestCounter';
import { applySeeds, defaultSeedDir, readSeeds } from './seed/load';

/** Shared state of a running Forgejo stand-in, for tests (`sandbox.standIns.get('forgejo').state`). */
export interface ForgejoStandInState {
  store: ForgejoStore;
  reposRoot: string;
  counter: RequestCounter;
}

function readConfig(config: Record<string, unknown>) {
  const version = config.version ?? '12.0.1+gitea-1.22.0';
  if (typeof version !== 'string' || !/^\d+\./.test(version)) {
    throw new Error(
      `forgejo.version must be a version such as "12.0.1", got ${JSON.stringify(
        version,
      )}`,
    );
  }
  const flavor = config.flavor ?? 'forgejo';
  if (flavor !== 'forgejo' && flavor !== 'gitea')
    throw new Error(
      `forgejo.flavor must be forgejo or gitea, got ${JSON.stringify(flavor)}`,
    );
  const seeds = config.seeds ?? defaultSeedDir();
  if (typeof seeds !== 'string')
    throw new Error('forgejo.seeds must be the path of a seed folder');
  return {
    version,
    flavor: flavor as 'forgejo' | 'gitea',
    seeds: path.resolve(seeds),
  };
}

/**
 * A Forgejo stand-in: the REST API our plugins, publish:forgejo and Backstage's Gitea modules call,
 * backed by real bare git repositories served over smart HTTP. State is rebuilt from the seeds at
 * every start (the data folder is wiped), so every run begins from the same repositories.
 * Config (sandbox.yaml, section `forgejo`): `version` (default 12.0.1), `flavor` (forgejo|gitea), `seeds`.
 */
export const forgejoStandIn: StandIn = {
  name: 'forgejo',
  async start(ctx): Promise<RunningStandIn> {
    const config = readConfig(ctx.config);
    const reposRoot = path.join(ctx.dataDir, 'repositories');
    fs.rmSync(reposRoot, { recursive: true, force: true });
    fs.mkdirSync(reposRoot, { recursive: true });
    const store = new ForgejoStore();
    const started = Date.now();
    await applySeeds(store, readSeeds(config.seeds), reposRoot);
    ctx.log(
      `seeded ${store.repos.size} repositories in ${Date.now() - started} ms`,
    );
    let baseUrl = '';
    const api: ApiContext = {
      store,
      links: { baseUrl: () => baseUrl },
      reposRoot,
      version: config.version,
      flavor: config.flavor,
    };
    const counter = new RequestCounter();
    baseUrl = await ctx.listen(
      createForgejoApp(api, { faults: ctx.faults, counter, log: ctx.log }),
      'forgejo',
    );
    const state: ForgejoStandInState = { store, reposRoot, counter };
    return {
      endpoints: { api: baseUrl },
      state,
      async stop() {
        // The host closes the server; the repositories stay in the data folder until it is removed.
      },
    };
  },
};
