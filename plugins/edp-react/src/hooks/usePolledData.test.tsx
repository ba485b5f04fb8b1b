import { act, renderHook, waitFor } from '@testing-library/react';
import { POLL_INTERVAL_MS, usePolledData } from './usePolledData';

/** A load whose answers the test releases one by one, remembering what each call was told. */
function controlledLoad() {
  const calls: Array<{ fresh: boolean; resolve: (v: string) => void }> = [];
  const load = jest.fn(
    ({ fresh }: { fresh: boolean }) =>
      new Promise<string>(resolve => calls.push({ fresh, resolve })),
  );
  return { load, calls };
}

describe('usePolledData', () => {
  afterEach(() => jest.useRealTimers());

  it('loads once, then refresh keeps the value on screen and asks for fresh data', async () => {
    const { load, calls } = controlledLoad();
    const { result } = renderHook(() => usePolledData(load, []));
    expect(result.current.loading).toBe(true);
    act(() => calls[0].resolve('first'));
    await waitFor(() => expect(result.current.value).toBe('first'));

    act(() => result.current.refresh());
    await waitFor(() => expect(calls).toHaveLength(2));
    expect(result.current).toMatchObject({ loading: true, value: 'first' });
    expect(calls.map(c => c.fresh)).toEqual([false, true]);
    act(() => calls[1].resolve('second'));
    await waitFor(() => expect(result.current.value).toBe('second'));
  });

  it('retry after a failure clears the error and shows the loading state', async () => {
    const load = jest
      .fn()
      .mockRejectedValueOnce(new Error('slow'))
      .mockResolvedValueOnce('back');
    const { result } = renderHook(() => usePolledData(load, []));
    await waitFor(() => expect(result.current.error?.message).toBe('slow'));
    act(() => result.current.retry());
    expect(result.current.error).toBeUndefined();
    await waitFor(() => expect(result.current.value).toBe('back'));
    expect(load.mock.calls[1][0]).toMatchObject({ fresh: true });
  });

  it('drops the answer of a load that was superseded', async () => {
    const { load, calls } = controlledLoad();
    const { result, rerender } = renderHook(
      ({ id }) =>
        usePolledData(
          () => load({ fresh: false }).then(v => `${id}:${v}`),
          [id],
        ),
      { initialProps: { id: 'a' } },
    );
    rerender({ id: 'b' });
    await waitFor(() => expect(calls).toHaveLength(2));
    act(() => calls[1].resolve('new'));
    act(() => calls[0].resolve('old'));
    await waitFor(() => expect(result.current.value).toBe('b:new'));
  });

  it('polls at most every POLL_INTERVAL_MS, not when asked more often, keeping the value', async () => {
    jest.useFakeTimers();
    const load = jest.fn().mockResolvedValue('same');
    const { result } = renderHook(() =>
      usePolledData(load, [], { pollMs: 1_000 }),
    );
    // Settles the first load without moving the fake clock (waitFor would advance it).
    await act(async () => {});
    expect(result.current.value).toBe('same');
    act(() => jest.advanceTimersByTime(POLL_INTERVAL_MS - 1));
    expect(load).toHaveBeenCalledTimes(1);
    act(() => jest.advanceTimersByTime(1));
    expect(load).toHaveBeenCalledTimes(2);
    expect(load.mock.calls[1][0]).toMatchObject({ fresh: false });
    expect(result.current.value).toBe('same');
  });

  it('does not poll without pollMs', async () => {
    jest.useFakeTimers();
    const load = jest.fn().mockResolvedValue('once');
    renderHook(() => usePolledData(load, []));
    act(() => jest.advanceTimersByTime(POLL_INTERVAL_MS * 3));
    expect(load).toHaveBeenCalledTimes(1);
  });
});
