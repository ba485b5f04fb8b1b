import { ResponseError } from '@backstage/errors';

/**
 * The ResponseError the ForgejoBackendClient rejects with when the backend answers `status` with
 * Backstage's error body for `error` (name, message and, for Forgejo failures, code and host).
 */
export function backendError(
  status: number,
  error: { name: string; message: string; [field: string]: unknown },
): Promise<ResponseError> {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error,
        request: { method: 'GET', url: '/' },
        response: { statusCode: status },
      }),
      { status, headers: { 'content-type': 'application/json' } },
    ),
  );
}
