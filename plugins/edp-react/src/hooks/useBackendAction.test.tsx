import { act, renderHook, waitFor } from '@testing-library/react';
import { ResponseError } from '@backstage/errors';
import { useBackendAction } from './useBackendAction';

async function refusal(status: number, message: string) {
  const response = new Response(
    JSON.stringify({
      error: { name: 'NotAllowedError', message },
      request: { method: 'POST', url: '/api/edp-argocd/sync' },
      response: { statusCode: status },
    }),
    { status, headers: { 'content-type': 'application/json' } },
  );
  return ResponseError.fromResponse(response);
}

describe('useBackendAction', () => {
  it('is busy while the action runs and clears a previous failure', async () => {
    let finish: () => void = () => {};
    const action = jest
      .fn<Promise<void>, []>()
      .mockRejectedValueOnce(new Error('first try failed'))
      .mockImplementationOnce(
        () => new Promise<void>(resolve => (finish = resolve)),
      );
    const { result } = renderHook(() => useBackendAction(action));

    await act(() => result.current.run());
    expect(result.current.error).toBe('first try failed');

    let second: Promise<void> = Promise.resolve();
    act(() => {
      second = result.current.run();
    });
    await waitFor(() => expect(result.current.busy).toBe(true));
    expect(result.current.error).toBeUndefined();
    await act(async () => {
      finish();
      await second;
    });
    expect(result.current.busy).toBe(false);
    expect(result.current.error).toBeUndefined();
  });

  it("shows the backend's own reason for a refusal, not the HTTP status line", async () => {
    const error = await refusal(
      403,
      'You are not allowed to sync this application (argocd.application.sync)',
    );
    const { result } = renderHook(() =>
      useBackendAction(() => Promise.reject(error)),
    );
    await act(() => result.current.run());
    expect(result.current.error).toBe(
      'You are not allowed to sync this application (argocd.application.sync)',
    );
    expect(result.current.busy).toBe(false);
  });
});
