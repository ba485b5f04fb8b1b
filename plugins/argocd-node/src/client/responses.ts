import type { ArgoCDInstanceConfig } from '../config';
import { ArgoCDError } from '../errors';

/** Builds the user-facing errors of one instance; messages name the instance and never a secret. */
export class InstanceErrors {
  constructor(private readonly instance: ArgoCDInstanceConfig) {}

  timeout(what: string) {
    const { name, timeoutMs } = this.instance;
    return new ArgoCDError({
      instance: name,
      reason: 'timeout',
      message: `ArgoCD instance "${name}" did not answer ${what}within ${timeoutMs} ms`,
    });
  }

  http(status: number, upstreamMessage?: string) {
    const name = this.instance.name;
    const detail = upstreamMessage ? `: ${upstreamMessage.slice(0, 200)}` : '';
    if (status === 401 || status === 403) {
      return new ArgoCDError({
        instance: name,
        reason: 'auth',
        status,
        message: `ArgoCD instance "${name}" refused access (HTTP ${status})${detail}`,
      });
    }
    if (status === 404) {
      return new ArgoCDError({
        instance: name,
        reason: 'not-found',
        status,
        message: `ArgoCD instance "${name}" has no such object${detail}`,
      });
    }
    return new ArgoCDError({
      instance: name,
      reason: 'upstream',
      status,
      message: `ArgoCD instance "${name}" answered HTTP ${status}${detail}`,
    });
  }

  /** Wrong credentials: says which config keys to check, not what they hold. */
  authFailed(status: number, what: 'token' | 'username/password') {
    const key = this.instance.configKey;
    const fix =
      what === 'token' ? `${key}.token` : `${key}.username and ${key}.password`;
    return new ArgoCDError({
      instance: this.instance.name,
      reason: 'auth',
      status,
      message: `Authentication failed for ArgoCD instance "${this.instance.name}" (HTTP ${status}); check ${fix}`,
    });
  }

  invalid(what: string) {
    return new ArgoCDError({
      instance: this.instance.name,
      reason: 'invalid-response',
      message: `ArgoCD instance "${this.instance.name}" sent an invalid response: ${what}`,
    });
  }
}

/** Reads a JSON object, turning HTTP errors and non-JSON bodies into ArgoCDErrors. */
export async function readJson<T>(
  response: Response,
  errors: InstanceErrors,
): Promise<T> {
  const text = await response.text();
  let body: unknown;
  try {
    body = text === '' ? {} : JSON.parse(text);
  } catch {
    if (!response.ok) throw errors.http(response.status, undefined);
    throw errors.invalid(
      `HTTP ${response.status} with a body that is not JSON`,
    );
  }
  if (!response.ok) {
    const message = (body as { message?: unknown })?.message;
    throw errors.http(
      response.status,
      typeof message === 'string' ? message : undefined,
    );
  }
  if (typeof body !== 'object' || body === null)
    throw errors.invalid('the answer is not a JSON object');
  return body as T;
}

/** Releases a response body we will not read (not awaited: some bodies never settle on cancel). */
export function discard(response: Response) {
  response.body?.cancel().catch(() => {});
}

/** Waits for `promise`, or rejects as soon as `signal` aborts (the promise itself carries on). */
export function untilAborted<T>(
  promise: Promise<T>,
  signal: AbortSignal,
): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      value => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      error => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
