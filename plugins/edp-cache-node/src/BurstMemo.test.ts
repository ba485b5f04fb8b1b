import { BurstMemo } from './BurstMemo';

describe('BurstMemo', () => {
  let now = 0;
  const memo = () =>
    new BurstMemo<string>({ ttlMs: 1000, maxEntries: 2, now: () => now });
  beforeEach(() => {
    now = 0;
  });

  it('shares one load within the burst and loads again after it', async () => {
    const m = memo();
    const load = jest
      .fn()
      .mockResolvedValueOnce('a')
      .mockResolvedValueOnce('b');
    expect(await Promise.all([m.get('k', load), m.get('k', load)])).toEqual([
      'a',
      'a',
    ]);
    now = 999;
    expect(await m.get('k', load)).toBe('a');
    now = 1000;
    expect(await m.get('k', load)).toBe('b');
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('shares a failure with the callers waiting for it but does not remember it', async () => {
    const m = memo();
    const load = jest
      .fn()
      .mockRejectedValueOnce(new Error('down'))
      .mockResolvedValueOnce('up');
    const [a, b] = await Promise.allSettled([
      m.get('k', load),
      m.get('k', load),
    ]);
    expect([a.status, b.status]).toEqual(['rejected', 'rejected']);
    expect(await m.get('k', load)).toBe('up');
  });

  it('keeps at most maxEntries answers', async () => {
    const m = memo();
    const load = jest.fn(async () => 'v');
    await m.get('a', load);
    await m.get('b', load);
    await m.get('c', load);
    await m.get('a', load);
    expect(load).toHaveBeenCalledTimes(4);
  });
});
