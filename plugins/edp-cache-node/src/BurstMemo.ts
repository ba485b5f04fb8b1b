/**
 * Remembers an answer for a short burst (a page's cards arrive together, a user's tabs poll
 * together) in this process, and shares one load between the callers asking meanwhile. Made for
 * per-caller lookups that must not outlive the burst (an entity read with the caller's
 * credentials, a permission decision): the key must name the caller, and `ttlMs` stays short.
 * Failures are shared with the callers waiting for them but never remembered.
 * @public
 */
export class BurstMemo<T> {
  private readonly entries = new Map<
    string,
    { promise: Promise<T>; expires: number }
  >();

  constructor(
    private readonly options: {
      ttlMs: number;
      /** Most entries kept; expired ones are swept first, then the oldest. Default 10000. */
      maxEntries?: number;
      now?: () => number;
    },
  ) {}

  get(key: string, load: () => Promise<T>): Promise<T> {
    const now = (this.options.now ?? Date.now)();
    const hit = this.entries.get(key);
    if (hit && hit.expires > now) return hit.promise;
    const promise = load();
    const entry = { promise, expires: now + this.options.ttlMs };
    this.entries.set(key, entry);
    promise.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    this.trim(now);
    return promise;
  }

  private trim(now: number) {
    const max = this.options.maxEntries ?? 10_000;
    if (this.entries.size <= max) return;
    for (const [key, entry] of this.entries) {
      if (entry.expires <= now) this.entries.delete(key);
    }
    for (const key of this.entries.keys()) {
      if (this.entries.size <= max) break;
      this.entries.delete(key);
    }
  }
}
