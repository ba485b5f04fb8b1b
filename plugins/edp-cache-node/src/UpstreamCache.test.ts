import type { CacheService } from '@backstage/backend-plugin-api';
import { CacheManager } from '@backstage/backend-defaults/cache';
import { ConfigReader } from '@backstage/config';
import { cacheStoreIsShared, UpstreamCache } from './UpstreamCache';

/** A real Backstage CacheService (memory store), as the backend gives each plugin. */
const backstageCache = (): CacheService =>
  CacheManager.fromConfig(new ConfigReader({})).forPlugin('test');

/**
 * Lets a background refresh load and reach the store: a few turns of the event loop, well within
 * the store's real-time TTLs (the cache's clock is mocked, the store's is not).
 */
const refreshed = () => new Promise(r => setTimeout(r, 100));
/** Waits (a second at most) for `condition`, e.g. for a load to have started. */
const until = async (condition: () => boolean) => {
  for (let i = 0; i < 200 && !condition(); i++) {
    await new Promise(r => setTimeout(r, 5));
  }
};

describe('UpstreamCache', () => {
  let now = 0;
  const swr = (cache = backstageCache()) =>
    new UpstreamCache(cache, {
      ttlMs: 100,
      staleMs: 1000,
      // Longer than the test takes in real time: the store expires entries on the real clock.
      errorTtlMs: 5000,
      now: () => now,
    });

  beforeEach(() => {
    now = 0;
  });

  it('serves fresh entries without loading, stale ones at once while refreshing, old ones after loading', async () => {
    const c = swr();
    const load = jest
      .fn()
      .mockResolvedValueOnce('v1')
      .mockResolvedValueOnce('v2')
      .mockResolvedValueOnce('v3');
    expect((await c.get('k', load)).outcome).toEqual({ ok: true, value: 'v1' });
    now = 50;
    expect((await c.get('k', load)).outcome).toEqual({ ok: true, value: 'v1' });
    expect(load).toHaveBeenCalledTimes(1);
    now = 500; // stale: old value now, new value loaded behind it
    expect((await c.get('k', load)).outcome).toEqual({ ok: true, value: 'v1' });
    await refreshed();
    expect((await c.get('k', load)).outcome).toEqual({ ok: true, value: 'v2' });
    now = 5000; // too old to serve
    expect((await c.get('k', load)).outcome).toEqual({ ok: true, value: 'v3' });
  });

  it('replaces a stale value with the error of its refresh', async () => {
    const c = swr();
    await c.get('k', async () => 'v1');
    now = 500;
    await c.get('k', async () => {
      throw new Error('down');
    });
    await refreshed();
    const result = await c.get('k', async () => 'never');
    expect(result.outcome.ok).toBe(false);
  });

  it('shares one load between concurrent callers and caches the answer', async () => {
    const c = new UpstreamCache(backstageCache(), { ttlMs: 60_000 });
    let release: (v: { n: number }) => void = () => {};
    const load = jest.fn(() => new Promise<{ n: number }>(r => (release = r)));
    const both = Promise.all([c.getValue('k', load), c.getValue('k', load)]);
    await until(() => load.mock.calls.length > 0);
    release({ n: 1 });
    expect(await both).toEqual([{ n: 1 }, { n: 1 }]);
    await expect(c.getValue('k', load)).resolves.toEqual({ n: 1 });
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('does not cache failures unless told to, and gives callers the error itself', async () => {
    const c = new UpstreamCache(backstageCache(), { ttlMs: 60_000 });
    class Down extends Error {}
    const load = jest
      .fn()
      .mockRejectedValueOnce(new Down('down'))
      .mockResolvedValueOnce({ ok: true });
    await expect(c.getValue('k', load)).rejects.toBeInstanceOf(Down);
    await expect(c.getValue('k', load)).resolves.toEqual({ ok: true });
  });

  it('serves a kept failure, rebuilt by reviveError, until its errorTtl passes', async () => {
    const c = new UpstreamCache(backstageCache(), {
      ttlMs: 100,
      errorTtlMs: 10,
      reviveError: e => Object.assign(new Error(e.message), { revived: true }),
      now: () => now,
    });
    await c.get('k', () => Promise.reject(new Error('down')));
    const kept = await c.get('k', async () => 'up');
    expect(kept.outcome).toMatchObject({ ok: false });
    expect(!kept.outcome.ok && kept.outcome.error).toMatchObject({
      message: 'down',
      revived: true,
    });
    now = 20;
    expect((await c.get('k', async () => 'up')).outcome).toEqual({
      ok: true,
      value: 'up',
    });
  });

  it('still answers when the cache store is down', async () => {
    const broken = backstageCache();
    broken.get = () => Promise.reject(new Error('redis down'));
    broken.set = () => Promise.reject(new Error('redis down'));
    const c = new UpstreamCache(broken, { ttlMs: 60_000 });
    await expect(c.getValue('k', async () => ({ ok: 1 }))).resolves.toEqual({
      ok: 1,
    });
  });

  it('forgets an entry on invalidate, and does not keep a load that was running then', async () => {
    const c = new UpstreamCache(backstageCache(), { ttlMs: 60_000 });
    const load = jest
      .fn()
      .mockResolvedValueOnce({ v: 1 })
      .mockResolvedValueOnce({ v: 2 });
    await c.getValue('k', load);
    await c.invalidate('k');
    await expect(c.getValue('k', load)).resolves.toEqual({ v: 2 });

    let release: ((v: { v: number }) => void) | undefined;
    const slow = c.getValue(
      'j',
      () => new Promise<{ v: number }>(r => (release = r)),
    );
    await until(() => release !== undefined);
    await c.invalidate('j');
    release!({ v: 1 });
    await slow;
    await expect(c.getValue('j', async () => ({ v: 3 }))).resolves.toEqual({
      v: 3,
    });
  });

  it('invalidates a group for every replica sharing the store', async () => {
    const shared = backstageCache();
    const replicaA = new UpstreamCache(shared, { ttlMs: 60_000 });
    const replicaB = new UpstreamCache(shared, { ttlMs: 60_000 });
    const load = jest
      .fn()
      .mockResolvedValueOnce('old')
      .mockResolvedValue('new');
    await replicaA.getValue('a:list', load, { group: 'a' });
    // B reads what A loaded: two replicas cost one upstream call.
    await expect(
      replicaB.getValue('a:list', load, { group: 'a' }),
    ).resolves.toBe('old');
    expect(load).toHaveBeenCalledTimes(1);
    await new Promise(r => setTimeout(r, 2));
    await replicaB.invalidateGroup('a');
    await expect(
      replicaA.getValue('a:list', load, { group: 'a' }),
    ).resolves.toBe('new');
    await expect(
      replicaA.getValue('b:list', async () => 'other', { group: 'b' }),
    ).resolves.toBe('other');
  });

  it('lets replicas sharing the store wait for the one loading a key instead of loading it too', async () => {
    const shared = backstageCache();
    const replicas = [0, 1, 2].map(
      () => new UpstreamCache(shared, { ttlMs: 60_000 }),
    );
    const load = jest.fn(async () => {
      await new Promise(r => setTimeout(r, 100));
      return 'answer';
    });
    const answers = await Promise.all(replicas.map(r => r.getValue('k', load)));
    expect(answers).toEqual(['answer', 'answer', 'answer']);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it.each([
    [true, ['lease:k', 'k']],
    [false, ['k']],
  ])(
    'with sharedStore %s, a cold load writes %j to the store',
    async (sharedStore, written) => {
      const store = backstageCache();
      const set = jest.spyOn(store, 'set');
      const c = new UpstreamCache(store, { ttlMs: 60_000, sharedStore });
      const load = jest.fn(async () => 'answer');
      await expect(
        Promise.all([c.getValue('k', load), c.getValue('k', load)]),
      ).resolves.toEqual(['answer', 'answer']);
      expect(load).toHaveBeenCalledTimes(1);
      expect(set.mock.calls.map(([key]) => key)).toEqual(written);
    },
  );

  it('invalidates a group for every UpstreamCache of this process on a store only it reads', async () => {
    const store = backstageCache();
    const get = jest.spyOn(store, 'get');
    const [a, b] = [0, 1].map(
      () => new UpstreamCache(store, { ttlMs: 60_000, sharedStore: false }),
    );
    const load = jest
      .fn()
      .mockResolvedValueOnce('old')
      .mockResolvedValue('new');
    await a.getValue('a:list', load, { group: 'a' });
    await expect(b.getValue('a:list', load, { group: 'a' })).resolves.toBe(
      'old',
    );
    await new Promise(r => setTimeout(r, 2));
    await b.invalidateGroup('a');
    await expect(a.getValue('a:list', load, { group: 'a' })).resolves.toBe(
      'new',
    );
    expect(load).toHaveBeenCalledTimes(2);
    // Only the entries themselves were asked of the store, never a group marker.
    expect(get.mock.calls.map(([key]) => key)).toEqual([
      'a:list',
      'a:list',
      'a:list',
    ]);
  });

  it('reads entries that an older version stored as objects, and loads again over unreadable ones', async () => {
    const store = backstageCache();
    const c = new UpstreamCache(store, { ttlMs: 60_000 });
    await store.set('old', { at: Date.now(), value: 'kept' });
    await store.set('broken', '{not json');
    const load = jest.fn(async () => 'loaded');
    await expect(c.getValue('old', load)).resolves.toBe('kept');
    await expect(c.getValue('broken', load)).resolves.toBe('loaded');
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('counts only a store other processes reach as shared', () => {
    const shared = (cache?: object) =>
      cacheStoreIsShared(new ConfigReader(cache ? { backend: { cache } } : {}));
    expect(shared()).toBe(false);
    expect(shared({ store: 'memory' })).toBe(false);
    expect(shared({ store: 'redis', connection: 'redis://x' })).toBe(true);
    expect(shared({ store: 'memcache', connection: 'x' })).toBe(true);
  });

  it('loads on another replica when the one holding the lease failed', async () => {
    const shared = backstageCache();
    const [a, b] = [0, 1].map(
      () => new UpstreamCache(shared, { ttlMs: 60_000 }),
    );
    const failing = jest.fn(async () => {
      await new Promise(r => setTimeout(r, 50));
      throw new Error('down');
    });
    const working = jest.fn(async () => 'up');
    const [first, second] = await Promise.allSettled([
      a.getValue('k', failing),
      (async () => {
        await new Promise(r => setTimeout(r, 20));
        return b.getValue('k', working);
      })(),
    ]);
    expect(first.status).toBe('rejected');
    expect(second).toEqual({ status: 'fulfilled', value: 'up' });
  });
});
