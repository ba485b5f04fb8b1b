import { SwrCache } from './SwrCache';

describe('SwrCache', () => {
  let now = 0;
  const cache = () =>
    new SwrCache<string>({
      ttlMs: 100,
      staleMs: 1000,
      errorTtlMs: 10,
      now: () => now,
    });

  beforeEach(() => {
    now = 0;
  });

  it('serves fresh entries without loading, stale ones at once while refreshing, old ones after loading', async () => {
    const c = cache();
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
    await Promise.resolve();
    expect((await c.get('k', load)).outcome).toEqual({ ok: true, value: 'v2' });
    now = 5000; // too old to serve
    expect((await c.get('k', load)).outcome).toEqual({ ok: true, value: 'v3' });
  });

  it('replaces a stale value with the error of its refresh', async () => {
    const c = cache();
    await c.get('k', async () => 'v1');
    now = 500;
    await c.get('k', async () => {
      throw new Error('down');
    });
    await new Promise(r => setTimeout(r, 0));
    const result = await c.get('k', async () => 'never');
    expect(result.outcome.ok).toBe(false);
  });
});
