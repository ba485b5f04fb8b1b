/**
 * An in-memory cache with request coalescing and stale-while-revalidate.
 *
 * - Within `ttlMs` an entry is served as is: polling tabs cost nothing upstream.
 * - Within `ttlMs + staleMs` it is still served at once, and one background refresh starts.
 * - Older (or missing) entries are loaded, and every caller asking meanwhile shares that one load.
 *
 * Failures are cached too (with their own, shorter TTL), so a dead instance is not asked again
 * by every page view; callers see the failure until a refresh succeeds.
 */

/** A cached outcome: a value or the error that replaced it. @public */
export type CacheOutcome<T> =
  | { ok: true; value: T }
  | { ok: false; error: unknown };

/** What the cache returns: the outcome and when it was produced. @public */
export interface CachedResult<T> {
  outcome: CacheOutcome<T>;
  fetchedAt: number;
}

interface Entry<T> {
  result?: CachedResult<T>;
  inflight?: Promise<CachedResult<T>>;
}

/** @public */
export interface SwrCacheOptions {
  ttlMs: number;
  staleMs: number;
  /** TTL of failures; defaults to a fifth of ttlMs. */
  errorTtlMs?: number;
  /** Most entries kept; the oldest are dropped beyond it. */
  maxEntries?: number;
  now?: () => number;
}

/** @public */
export class SwrCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly options: Required<SwrCacheOptions>;

  constructor(options: SwrCacheOptions) {
    this.options = {
      errorTtlMs: Math.min(options.ttlMs, Math.max(1000, options.ttlMs / 5)),
      maxEntries: 5000,
      now: Date.now,
      ...options,
    };
  }

  /** Returns the cached or loaded result for `key`; `load` runs at most once at a time per key. */
  async get(key: string, load: () => Promise<T>): Promise<CachedResult<T>> {
    let entry = this.entries.get(key);
    if (!entry) {
      entry = {};
      this.entries.set(key, entry);
    }
    const result = entry.result;
    if (result) {
      const age = this.options.now() - result.fetchedAt;
      const ttl = result.outcome.ok
        ? this.options.ttlMs
        : this.options.errorTtlMs;
      if (age < ttl) return result;
      if (age < ttl + this.options.staleMs) {
        this.refresh(key, entry, load).catch(() => {});
        return result;
      }
    }
    return this.refresh(key, entry, load);
  }

  /** Forgets entries whose key starts with `prefix` (after a sync, for instance). */
  invalidate(prefix: string) {
    for (const key of this.entries.keys()) {
      if (key.startsWith(prefix)) this.entries.delete(key);
    }
  }

  private refresh(key: string, entry: Entry<T>, load: () => Promise<T>) {
    if (!entry.inflight) {
      const inflight = load().then(
        value => ({
          outcome: { ok: true as const, value },
          fetchedAt: this.options.now(),
        }),
        error => ({
          outcome: { ok: false as const, error },
          fetchedAt: this.options.now(),
        }),
      );
      entry.inflight = inflight;
      inflight.then(result => {
        entry.inflight = undefined;
        // An entry invalidated while loading keeps nothing: its data predates the invalidation.
        if (this.entries.get(key) !== entry) return;
        entry.result = result;
        this.trim();
      });
    }
    return entry.inflight;
  }

  private trim() {
    const excess = this.entries.size - this.options.maxEntries;
    if (excess <= 0) return;
    const keys = [...this.entries.keys()].slice(0, excess);
    keys.forEach(k => this.entries.delete(k));
  }
}
