/**
 * The message to show a reader for a failed request: a `ResponseError`'s own message is only
 * "Request failed with 403 Forbidden", its cause is the backend's error with the real reason
 * (the missing permission, the field to fix).
 * @public
 */
export function backendMessage(error: unknown): string {
  const cause = (error as { cause?: { message?: unknown } } | undefined)?.cause;
  if (typeof cause?.message === 'string') return cause.message;
  return error instanceof Error ? error.message : String(error);
}
