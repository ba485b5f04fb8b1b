import type {
  CacheService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import {
  deserializeError,
  serializeError,
  type SerializedError,
} from '@backstage/errors';
import type { JsonValue } from '@backstage/types';

/** A cached outcome: a value or the error that replaced it. @public */
export type CacheOutcome<T> =
  | { ok: true; value: T }
  | { ok: false; error: Error };

/** What the cache returns: the outcome and when it was produced (epoch ms). @public */
export interface CachedResult<T> {
  outcome: CacheOutcome<T>;
  fetchedAt: number;
}

/** @public */
export interface UpstreamCacheOptions {
  /** How long an answer is served as is. */
  ttlMs: number;
  /** After ttlMs, how long it is still served at once while one refresh runs behind it. Default 0. */
  staleMs?: number;
  /** How long a failure is served before the upstream is asked again. Default 0: failures are not kept. */
  errorTtlMs?: number;
  /** Rebuilds a typed error from its stored form (default: a plain Error with name and message). */
  reviveError?: (error: SerializedError) => Error;
  /**
   * Whether other processes share the cache store (Redis, Memcache), so that a load first takes a
   * lease there and the other replicas wait for its answer. Default true. With a store only this
   * process sees (Backstage's memory store; see `cacheStoreIsShared`), in-process coalescing is
   * all there is to do, and a cold load starts without the lease's store round trips and settle
   * pause.
   */
  sharedStore?: boolean;
  now?: () => number;
}

/**
 * Whether the backend's CacheService store (`backend.cache.store`) is shared with other processes:
 * anything but Backstage's default in-process memory store.
 * @public
 */
export function cacheStoreIsShared(config: RootConfigService): boolean {
  const store = config.getOptionalString('backend.cache.store') ?? 'memory';
  return store !== 'memory';
}

/** The stored form, plain JSON so that any CacheService store (memory, Redis) keeps it. */
interface StoredEntry {
  at: number;
  value?: JsonValue;
  error?: SerializedError;
}

interface Flight {
  promise: Promise<CachedResult<any>>;
  discarded: boolean;
  group?: string;
}

const groupKey = (group: string) => `group-invalidated:${group}`;

/**
 * Group invalidation times per cache, when no other process shares its store (see
 * invalidatedAt): every UpstreamCache of this process on the same CacheService sees them.
 */
const localInvalidations = new WeakMap<CacheService, Map<string, number>>();

/** How long a replica may load a key before another one stops waiting for it. */
const LEASE_MS = 10_000;
/** Time for a racing replica's lease write to land before reading the lease back. */
const LEASE_SETTLE_MS = 10;
const LEASE_POLL_MS = 20;

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

function asError(cause: unknown): Error {
  return cause instanceof Error ? cause : new Error(String(cause));
}

function toSerialized(error: unknown): SerializedError {
  return serializeError(asError(error));
}

/**
 * Answers from upstream systems, kept in Backstage's CacheService (memory in one process, Redis
 * when several replicas share it) with stale-while-revalidate and request coalescing:
 *
 * - Within `ttlMs` an entry is served as is: polling tabs cost nothing upstream.
 * - Within `ttlMs + staleMs` it is still served at once, and one background refresh starts.
 * - Older (or missing) entries are loaded, and every caller in this process asking meanwhile
 *   shares that one load; a short lease in the store lets the other replicas wait for that
 *   answer instead of loading it too. Only in-flight promises live in process memory, never data.
 *
 * A cache store outage never fails a read: the answer is loaded and returned, just not kept.
 * Entries can be grouped (one ArgoCD instance, for instance) and a whole group invalidated at
 * once, on every replica, through a marker in the shared store.
 * @public
 */
export class UpstreamCache {
  private readonly flights = new Map<string, Flight>();
  private readonly ttlMs: number;
  private readonly staleMs: number;
  private readonly errorTtlMs: number;
  private readonly reviveError: (error: SerializedError) => Error;
  private readonly sharedStore: boolean;
  private readonly now: () => number;

  constructor(
    private readonly cache: CacheService,
    options: UpstreamCacheOptions,
  ) {
    this.ttlMs = options.ttlMs;
    this.staleMs = options.staleMs ?? 0;
    this.errorTtlMs = options.errorTtlMs ?? 0;
    this.reviveError = options.reviveError ?? deserializeError;
    this.sharedStore = options.sharedStore ?? true;
    this.now = options.now ?? Date.now;
  }

  /**
   * Returns the cached or loaded outcome for `key` (values must survive JSON, as a Redis store
   * keeps them as JSON); `load` runs at most once at a time per key in
   * this process. Never rejects for a failed load: the failure is the outcome.
   */
  async get<T>(
    key: string,
    load: () => Promise<T>,
    options: { group?: string } = {},
  ): Promise<CachedResult<T>> {
    const pending = this.flights.get(key);
    if (pending) return pending.promise;
    const [stored, invalidatedAt] = await Promise.all([
      this.readEntry(key),
      options.group
        ? this.invalidatedAt(options.group)
        : Promise.resolve(undefined),
    ]);
    // Another caller may have started the load while we read the store.
    const started = this.flights.get(key);
    if (started) return started.promise;
    if (stored && (invalidatedAt === undefined || stored.at > invalidatedAt)) {
      const result = this.toResult<T>(stored);
      const age = this.now() - stored.at;
      const ttl = result.outcome.ok ? this.ttlMs : this.errorTtlMs;
      if (age < ttl) return result;
      if (age < ttl + this.staleMs) {
        this.load(key, load, options.group);
        return result;
      }
    }
    return this.load(key, load, options.group);
  }

  /** Like `get`, but returns the value or throws the failure. */
  async getValue<T>(
    key: string,
    load: () => Promise<T>,
    options: { group?: string } = {},
  ): Promise<T> {
    const { outcome } = await this.get(key, load, options);
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  }

  /** Drops one entry (a Retry asking for fresh data); a load in flight for it is not kept. */
  async invalidate(key: string): Promise<void> {
    const flight = this.flights.get(key);
    if (flight) flight.discarded = true;
    await this.cache.delete(key).catch(() => undefined);
  }

  /** Drops every entry read with `{ group }` (after a sync, for instance), on every replica. */
  async invalidateGroup(group: string): Promise<void> {
    for (const flight of this.flights.values()) {
      if (flight.group === group) flight.discarded = true;
    }
    if (!this.sharedStore) {
      this.localInvalidations().set(group, this.now());
      return;
    }
    await this.cache
      .set(groupKey(group), this.now(), { ttl: this.longestLifeMs() })
      .catch(() => undefined);
  }

  private load<T>(
    key: string,
    load: () => Promise<T>,
    group: string | undefined,
  ): Promise<CachedResult<T>> {
    const startedAt = this.now();
    const flight: Flight = { discarded: false, group } as Flight;
    flight.promise = (async (): Promise<CachedResult<T>> => {
      // A store no other process reads needs no lease: this flight is the only load.
      const lease = this.sharedStore
        ? await this.takeLease(key)
        : { held: true, release: async () => {} };
      if (!lease.held) {
        const theirs = await this.answerOfLeaseHolder(key, startedAt);
        if (theirs) return this.toResult<T>(theirs);
      }
      let entry: StoredEntry;
      let cause: unknown;
      try {
        const value = (await load()) as JsonValue;
        entry = { at: this.now(), value };
      } catch (error) {
        cause = error ?? new Error('load failed');
        entry = { at: this.now(), error: toSerialized(cause) };
      }
      try {
        if (!flight.discarded) await this.store(key, entry, group, startedAt);
      } finally {
        if (lease.held) await lease.release();
      }
      // Callers of this load get the error itself, not its stored copy.
      const result = this.toResult<T>(entry);
      return cause !== undefined
        ? { ...result, outcome: { ok: false, error: asError(cause) } }
        : result;
    })().finally(() => {
      if (this.flights.get(key) === flight) this.flights.delete(key);
    });
    this.flights.set(key, flight);
    return flight.promise;
  }

  /**
   * Coalescing across replicas: a short lease in the shared store says who loads `key`. The store
   * has no atomic set-if-absent, so the lease is written, then read back after a moment: the last
   * writer holds it. With a store that is down, or in one process, this caller simply loads.
   */
  private async takeLease(
    key: string,
  ): Promise<{ held: boolean; release: () => Promise<void> }> {
    const leaseKey = `lease:${key}`;
    const token = `${process.pid}:${Math.random()}`;
    const held = {
      held: true,
      release: () => this.cache.delete(leaseKey).catch(() => undefined),
    };
    if ((await this.read<string>(leaseKey)) !== undefined) {
      return { held: false, release: async () => {} };
    }
    const written = await this.cache
      .set(leaseKey, token, { ttl: LEASE_MS })
      .then(
        () => true,
        () => false,
      );
    if (!written) return { held: true, release: async () => {} };
    await sleep(LEASE_SETTLE_MS);
    const holder = await this.read<string>(leaseKey);
    return holder === undefined || holder === token
      ? held
      : { held: false, release: async () => {} };
  }

  /** Waits for the replica holding the lease to store an answer newer than `since`. */
  private async answerOfLeaseHolder(
    key: string,
    since: number,
  ): Promise<StoredEntry | undefined> {
    const deadline = Date.now() + LEASE_MS;
    while (Date.now() < deadline) {
      await sleep(LEASE_POLL_MS);
      const [stored, holder] = await Promise.all([
        this.readEntry(key),
        this.read<string>(`lease:${key}`),
      ]);
      if (stored && stored.at >= since) return stored;
      // Released with nothing newer stored (a failure that is not kept): load here.
      if (holder === undefined) return undefined;
    }
    return undefined;
  }

  private async store(
    key: string,
    entry: StoredEntry,
    group: string | undefined,
    startedAt: number,
  ) {
    // A failure with no errorTtlMs is not kept, so a stale value it failed to refresh stays.
    const ttl = entry.error ? this.errorTtlMs : this.ttlMs + this.staleMs;
    if (ttl <= 0) return;
    if (group) {
      // Invalidated on another replica while this load ran: its data predates the invalidation.
      const invalidatedAt = await this.invalidatedAt(group);
      if (invalidatedAt !== undefined && invalidatedAt >= startedAt) return;
    }
    // A cache outage must not fail the read: the value is still good to return.
    // Kept as one JSON string: the stores' own (de)serialisation walks every key and value of an
    // object in JavaScript, which made warm card reads spend most of their time in it; a string
    // costs them one JSON value and us one native JSON.parse.
    await this.cache
      .set(key, JSON.stringify(entry), { ttl })
      .catch(() => undefined);
  }

  /**
   * When `group` was last invalidated: a marker in the shared store, which every replica reads; with
   * a store of this process only, a note in memory (a warm card read then asks the store one key,
   * not two).
   */
  private invalidatedAt(group: string): Promise<number | undefined> {
    return this.sharedStore
      ? this.read<number>(groupKey(group))
      : Promise.resolve(this.localInvalidations().get(group));
  }

  private localInvalidations(): Map<string, number> {
    let times = localInvalidations.get(this.cache);
    if (!times) {
      times = new Map();
      localInvalidations.set(this.cache, times);
    }
    return times;
  }

  private read<T>(key: string): Promise<T | undefined> {
    return this.cache.get<any>(key).catch(() => undefined);
  }

  private async readEntry(key: string): Promise<StoredEntry | undefined> {
    const stored = await this.read<string | StoredEntry>(key);
    if (typeof stored !== 'string') return stored; // written as an object by an older version
    try {
      return JSON.parse(stored);
    } catch {
      return undefined; // unreadable: loaded again, like a missing entry
    }
  }

  private toResult<T>(entry: StoredEntry): CachedResult<T> {
    return {
      fetchedAt: entry.at,
      outcome: entry.error
        ? { ok: false, error: this.reviveError(entry.error) }
        : { ok: true, value: entry.value as T },
    };
  }

  private longestLifeMs() {
    return Math.max(this.ttlMs + this.staleMs, this.errorTtlMs, 1000);
  }
}
