import { CardCache } from './CardCache';
import { memoryCache } from '../__testUtils__/memoryCache';

describe('CardCache', () => {
  it('shares one load between concurrent callers and caches the answer', async () => {
    const cache = new CardCache(memoryCache(), 60_000);
    let release: (v: { n: number }) => void = () => {};
    const load = jest.fn(() => new Promise<{ n: number }>(r => (release = r)));
    const both = Promise.all([cache.get('k', load), cache.get('k', load)]);
    await new Promise(r => setImmediate(r));
    release({ n: 1 });
    expect(await both).toEqual([{ n: 1 }, { n: 1 }]);
    await expect(cache.get('k', load)).resolves.toEqual({ n: 1 });
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('does not cache failures', async () => {
    const cache = new CardCache(memoryCache(), 60_000);
    const load = jest
      .fn()
      .mockRejectedValueOnce(new Error('down'))
      .mockResolvedValueOnce({ ok: true });
    await expect(cache.get('k', load)).rejects.toThrow('down');
    await expect(cache.get('k', load)).resolves.toEqual({ ok: true });
  });

  it('still answers when the cache store is down', async () => {
    const broken = memoryCache();
    broken.get = () => Promise.reject(new Error('redis down'));
    broken.set = () => Promise.reject(new Error('redis down'));
    const cache = new CardCache(broken, 60_000);
    await expect(cache.get('k', async () => ({ ok: 1 }))).resolves.toEqual({
      ok: 1,
    });
  });

  it('forgets an entry on invalidate', async () => {
    const cache = new CardCache(memoryCache(), 60_000);
    const load = jest
      .fn()
      .mockResolvedValueOnce({ v: 1 })
      .mockResolvedValueOnce({ v: 2 });
    await cache.get('k', load);
    await cache.invalidate('k');
    await expect(cache.get('k', load)).resolves.toEqual({ v: 2 });
  });
});
