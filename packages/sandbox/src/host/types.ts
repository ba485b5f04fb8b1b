import type { Express } from 'express';

/** Fault settings for one service or one instance of a service. */
export interface FaultSettings {
  /** Milliseconds added before every response. */
  latencyMs?: number;
  /** Fraction (0..1) of requests answered with `errorStatus`. */
  errorRate?: number;
  /** Status used for injected errors; 503 unless set. */
  errorStatus?: number;
  /** When true, requests are accepted and never answered (until the fault is cleared). */
  hang?: boolean;
  /** When true, responses are replaced with a body that is not valid JSON. */
  garbage?: boolean;
}

/** Controls the faults injected into every stand-in. Keys are `service` or `service/instance`. */
export interface FaultController {
  get(key: string): FaultSettings;
  set(key: string, settings: FaultSettings): void;
  clear(key?: string): void;
  list(): Record<string, FaultSettings>;
  /** Express middleware applying the faults of `key` (and of its service, for `service/instance` keys). */
  middleware(key: string): import('express').RequestHandler;
}

/** What a stand-in gets when it starts. */
export interface StandInContext {
  /** The stand-in's own section of the sandbox config (e.g. `forgejo:`), already validated as an object. */
  config: Record<string, unknown>;
  /** A private, writable folder for the stand-in's state (bare git repositories, state files). */
  dataDir: string;
  faults: FaultController;
  log(message: string): void;
  /**
   * Listens with `app` on the port configured as `ports[portName]` (0 for a free one) on 127.0.0.1,
   * and returns the base URL. Fails with a message naming the port and the setting when it is taken.
   */
  listen(app: Express, portName: string): Promise<string>;
  /** The running stand-ins that started before this one, by name, for shared state. */
  peers: Map<string, RunningStandIn>;
}

/** A started stand-in. */
export interface RunningStandIn {
  /** Base URLs by endpoint name, e.g. `{ api: 'http://127.0.0.1:3300' }`. */
  endpoints: Record<string, string>;
  /** Shared state other stand-ins may use (for instance the Kubernetes object store). */
  state?: unknown;
  stop(): Promise<void>;
}

/** A local stand-in for one platform service. */
export interface StandIn {
  name: string;
  /** Names of stand-ins that must start first (their RunningStandIn is in `peers`). */
  dependsOn?: string[];
  start(ctx: StandInContext): Promise<RunningStandIn>;
}
