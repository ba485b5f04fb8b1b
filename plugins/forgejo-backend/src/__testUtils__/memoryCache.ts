import type { CacheService } from '@backstage/backend-plugin-api';

/** An in-memory CacheService honouring ttl, for router tests outside a test backend. */
export function memoryCache(): CacheService & { size(): number } {
  const store = new Map<string, { value: any; expires: number }>();
  const service = {
    async get(key: string) {
      const hit = store.get(key);
      if (!hit || hit.expires < Date.now()) return undefined;
      return hit.value;
    },
    async set(key: string, value: any, options?: { ttl?: number | object }) {
      const ttl = typeof options?.ttl === 'number' ? options.ttl : 60_000;
      store.set(key, { value, expires: Date.now() + ttl });
    },
    async delete(key: string) {
      store.delete(key);
    },
    withOptions() {
      return service;
    },
    size: () => store.size,
  };
  return service as unknown as CacheService & { size(): number };
}
