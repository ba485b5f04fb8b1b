import type { CacheService } from '@backstage/backend-plugin-api';
import type { JsonValue } from '@backstage/types';

/**
 * Short-lived card cache: Backstage's CacheService for answers, plus in-process request coalescing so
 * that identical requests arriving together (two cards, two users) cost one upstream call.
 * Failures are shared with the callers that were waiting but never cached.
 */
export class CardCache {
  private readonly inFlight = new Map<string, Promise<JsonValue>>();

  constructor(
    private readonly cache: CacheService,
    private readonly ttlMs: number,
  ) {}

  async get<T extends JsonValue>(
    key: string,
    load: () => Promise<T>,
  ): Promise<T> {
    const pending = this.inFlight.get(key);
    if (pending) return pending as Promise<T>;
    const promise = this.readThrough(key, load);
    this.inFlight.set(key, promise);
    try {
      return await promise;
    } finally {
      this.inFlight.delete(key);
    }
  }

  /** Drops a cached answer (the cards' Retry asks for fresh data). */
  async invalidate(key: string): Promise<void> {
    await this.cache.delete(key);
  }

  private async readThrough<T extends JsonValue>(
    key: string,
    load: () => Promise<T>,
  ): Promise<T> {
    const cached = await this.cache.get<T>(key).catch(() => undefined);
    if (cached !== undefined) return cached;
    const value = await load();
    // A cache outage must not fail the card: the value is still good to return.
    await this.cache
      .set(key, value, { ttl: this.ttlMs })
      .catch(() => undefined);
    return value;
  }
}
