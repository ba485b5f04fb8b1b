import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAdminApp } from './admin';
import { createFaultController } from './faults';
import { listenOnLoopback, type ClosableServer } from './listen';
import type { FaultController, RunningStandIn, StandIn } from './types';
import type { SandboxConfig } from './config';

export interface StartSandboxOptions {
  /** The stand-ins that can be started, by name. */
  standIns: StandIn[];
  /** Validated config; an empty config starts every stand-in on free ports. */
  config?: Partial<SandboxConfig>;
  /** State folder; a fresh temporary one when absent (removed on stop). */
  dataDir?: string;
  log?: (message: string) => void;
}

/** A running sandbox. */
export interface Sandbox {
  /** The admin endpoint (readiness, faults). */
  adminUrl: string;
  /** Base URLs by stand-in, then endpoint name. */
  endpoints: Record<string, Record<string, string>>;
  faults: FaultController;
  /** Running stand-ins by name, for tests that inspect shared state. */
  standIns: Map<string, RunningStandIn>;
  stop(): Promise<void>;
}

/** Orders stand-ins so that each starts after the ones it depends on. */
export function orderStandIns(all: StandIn[], wanted: string[]): StandIn[] {
  const byName = new Map(all.map(s => [s.name, s]));
  const ordered: StandIn[] = [];
  const visiting = new Set<string>();
  const visit = (name: string, from?: string) => {
    if (ordered.some(s => s.name === name)) return;
    const standIn = byName.get(name);
    if (!standIn) {
      throw new Error(
        `unknown stand-in "${name}"${
          from ? ` (needed by ${from})` : ''
        }; known: ${[...byName.keys()].join(', ')}`,
      );
    }
    if (visiting.has(name))
      throw new Error(
        `stand-ins depend on each other in a cycle through "${name}"`,
      );
    visiting.add(name);
    for (const dep of standIn.dependsOn ?? []) visit(dep, name);
    visiting.delete(name);
    ordered.push(standIn);
  };
  for (const name of wanted) visit(name);
  return ordered;
}

/**
 * Starts the admin endpoint and the configured stand-ins, in dependency order, on loopback.
 * If any stand-in fails to start, everything started so far is stopped before the error is thrown.
 */
export async function startSandbox(
  options: StartSandboxOptions,
): Promise<Sandbox> {
  const config = options.config ?? {};
  const ports = config.ports ?? {};
  const log = options.log ?? (() => {});
  const ownsDataDir = !options.dataDir;
  const dataDir =
    options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'edp-sandbox-'));
  fs.mkdirSync(dataDir, { recursive: true });

  const faults = createFaultController(config.faults ?? {});
  const running = new Map<string, RunningStandIn>();
  const servers: ClosableServer[] = [];
  const endpoints: Record<string, Record<string, string>> = {};
  let ready = false;

  const stopAll = async () => {
    ready = false;
    faults.clear();
    for (const standIn of [...running.values()].reverse()) {
      await standIn.stop().catch(e => log(`stopping a stand-in failed: ${e}`));
    }
    running.clear();
    await Promise.all(servers.splice(0).map(s => s.close()));
    if (ownsDataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    const admin = await listenOnLoopback(
      createAdminApp({
        faults,
        isReady: () => ready,
        endpoints: () => endpoints,
      }),
      ports.admin ?? 0,
      'admin',
    );
    servers.push(admin);
    const wanted = config.services ?? options.standIns.map(s => s.name);
    for (const standIn of orderStandIns(options.standIns, wanted)) {
      const standInDir = path.join(dataDir, standIn.name);
      fs.mkdirSync(standInDir, { recursive: true });
      const started = await standIn.start({
        config: config.services_config?.[standIn.name] ?? {},
        dataDir: standInDir,
        faults,
        log: message => log(`[${standIn.name}] ${message}`),
        peers: running,
        listen: async (app, portName) => {
          const server = await listenOnLoopback(
            app,
            ports[portName] ?? 0,
            portName,
          );
          servers.push(server);
          return server.url;
        },
      });
      running.set(standIn.name, started);
      endpoints[standIn.name] = started.endpoints;
      log(
        `${standIn.name} ready: ${Object.entries(started.endpoints)
          .map(([k, v]) => `${k}=${v}`)
          .join(' ')}`,
      );
    }
    ready = true;
    return {
      adminUrl: admin.url,
      endpoints,
      faults,
      standIns: running,
      stop: stopAll,
    };
  } catch (e) {
    await stopAll();
    throw e;
  }
}
