import type { RunningStandIn } from '../host/types';
import type { Application, RevisionMetadata } from './types';

/**
 * Where one ArgoCD stand-in instance keeps its Applications.
 *
 * The HTTP layer only talks to this interface, so the same API can be served from memory (the
 * default) or from the Kubernetes API stand-in, where a reconciler owns the status. Every method
 * returns and accepts copies: callers may mutate what they get without touching the store.
 *
 * Applications are identified by namespace and name; a missing namespace means the control-plane
 * namespace (`argocd`), as in ArgoCD.
 */
export interface ApplicationStore {
  /** Every Application of this instance, sorted by namespace then name. */
  list(): Promise<Application[]>;

  /** One Application, or undefined when there is none with that name in that namespace. */
  get(name: string, namespace?: string): Promise<Application | undefined>;

  /**
   * Creates the Application or replaces it whole (metadata, spec, status, operation), and returns
   * it as stored. The store fills `metadata.namespace` (default `argocd`), `uid` and
   * `creationTimestamp` on creation, and bumps `resourceVersion` on every write and `generation`
   * when the spec changed. Notifies subscribers with ADDED or MODIFIED.
   */
  upsert(application: Application): Promise<Application>;

  /** Removes the Application; false when it did not exist. Notifies subscribers with DELETED. */
  delete(name: string, namespace?: string): Promise<boolean>;

  /**
   * Calls `listener` after every change, in order, with a copy of the Application (for DELETED,
   * its last state). Returns the function that unsubscribes. Listeners must not throw.
   */
  subscribe(listener: (change: ApplicationChange) => void): () => void;

  /**
   * Metadata of a revision of one of the Application's sources, when the store can read it
   * (e.g. from git). When absent or undefined, the stand-in falls back to its seeded metadata.
   */
  revisionMetadata?(
    application: Application,
    revision: string,
  ): Promise<RevisionMetadata | undefined>;

  /**
   * True when something behind this store acts on `operation` (sync requests) and on the
   * `argocd.argoproj.io/refresh` annotation, like ArgoCD's application controller. When false or
   * absent, the stand-in runs its own simulated controller on top of the store.
   */
  readonly reconciles?: boolean;

  /** Releases timers, watches and connections. */
  close?(): Promise<void>;
}

export type ApplicationChangeType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** One change of one Application (the shape of ArgoCD's `v1alpha1ApplicationWatchEvent`). */
export interface ApplicationChange {
  type: ApplicationChangeType;
  application: Application;
}

/** What a store factory gets, once per ArgoCD instance. */
export interface ApplicationStoreFactoryContext {
  /** The instance name (`alpha`, `beta`, ...). */
  instance: string;
  /** The instance's own settings (`argocd.instances.<name>` in the sandbox config). */
  instanceConfig: Record<string, unknown>;
  /** The whole `argocd:` section of the sandbox config. */
  config: Record<string, unknown>;
  /** The instance's seeded Applications (already normalised), for stores that start from them. */
  seed: Application[];
  /** A private, writable folder for this instance. */
  dataDir: string;
  /**
   * Stand-ins that started before ArgoCD, by name. This is the sandbox's live map: a store can
   * also look a peer up later (on first use) if it may start after ArgoCD.
   */
  peers: Map<string, RunningStandIn>;
  log(message: string): void;
}

export type ApplicationStoreFactory = (
  ctx: ApplicationStoreFactoryContext,
) => Promise<ApplicationStore>;

const factories = new Map<string, ApplicationStoreFactory>();

/**
 * Makes a store kind available to the ArgoCD stand-in under `name`; the sandbox config selects it
 * with `argocd.store: <name>` (or per instance, `argocd.instances.<name>.store`). Registering the
 * same name again replaces the factory, so tests can substitute their own.
 */
export function registerApplicationStoreFactory(
  name: string,
  factory: ApplicationStoreFactory,
): void {
  factories.set(name, factory);
}

/** The factory registered under `name`, or an error listing the registered ones. */
export function getApplicationStoreFactory(
  name: string,
): ApplicationStoreFactory {
  const factory = factories.get(name);
  if (!factory) {
    throw new Error(
      `argocd: store "${name}" is not registered; known stores: ${[
        ...factories.keys(),
      ].join(', ')}. ` +
        'Set argocd.store in the sandbox config to one of them, or register it with registerApplicationStoreFactory().',
    );
  }
  return factory;
}
