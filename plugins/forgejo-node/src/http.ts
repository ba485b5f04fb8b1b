import { errorFromStatus, forgejoError } from './errors';
import type { ForgejoHost } from './hosts';
import { ConcurrencyLimiter } from './limiter';

/** @public */
export interface ForgejoRequestOptions {
  query?: Record<string, string | number | boolean | undefined>;
  /** Caller cancellation, combined with the per-call timeout. */
  signal?: AbortSignal;
  /** Overrides the client's default timeout for this call. */
  timeoutMs?: number;
  /**
   * Acts with this token (Forgejo's `token` scheme) instead of the credentials configured for the
   * host, e.g. a token a scaffolder template was given.
   */
  token?: string;
}

/** The HTTP methods the client sends; every one but GET is a write. @internal */
export type ForgejoWriteMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** @public */
export interface ForgejoResponse<T> {
  data: T;
  status: number;
  headers: Headers;
}

/** @internal */
export interface ForgejoHttpOptions {
  timeoutMs: number;
  maxConcurrentRequestsPerHost: number;
  fetch: typeof fetch;
}

/**
 * Requests to Forgejo with a timeout per call, a concurrency cap per host, and every failure turned
 * into a ForgejoError whose message names the host and the path.
 * @internal
 */
export class ForgejoHttp {
  private readonly limiters = new Map<string, ConcurrencyLimiter>();

  constructor(private readonly options: ForgejoHttpOptions) {}

  async get<T>(
    target: ForgejoHost,
    path: string,
    request: ForgejoRequestOptions = {},
  ): Promise<ForgejoResponse<T>> {
    const url = new URL(`${target.apiBaseUrl}${path}`);
    for (const [key, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    return this.limiter(target.host).run(() =>
      this.send<T>(target, path, url, request),
    );
  }

  /**
   * Sends a write with a JSON body (none for DELETE). A 204 (or any empty answer) resolves with
   * `data` undefined: Forgejo's write endpoints often answer without a body.
   */
  async write<T>(
    method: ForgejoWriteMethod,
    target: ForgejoHost,
    path: string,
    body: unknown,
    request: Omit<ForgejoRequestOptions, 'query'> = {},
  ): Promise<ForgejoResponse<T | undefined>> {
    const url = new URL(`${target.apiBaseUrl}${path}`);
    return this.limiter(target.host).run(() =>
      this.send<T | undefined>(target, path, url, request, {
        method,
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
  }

  private limiter(host: string) {
    let limiter = this.limiters.get(host);
    if (!limiter) {
      limiter = new ConcurrencyLimiter(
        this.options.maxConcurrentRequestsPerHost,
      );
      this.limiters.set(host, limiter);
    }
    return limiter;
  }

  private async send<T>(
    target: ForgejoHost,
    path: string,
    url: URL,
    request: ForgejoRequestOptions,
    write?: { method: ForgejoWriteMethod; body?: string },
  ): Promise<ForgejoResponse<T>> {
    const timeoutMs = request.timeoutMs ?? this.options.timeoutMs;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = request.signal
      ? AbortSignal.any([request.signal, timeout])
      : timeout;
    const headers: Record<string, string> = { Accept: 'application/json' };
    const authorization = request.token
      ? `token ${request.token}`
      : target.authorization;
    if (authorization) headers.Authorization = authorization;
    if (write?.body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    let text: string;
    try {
      response = await this.options.fetch(url, {
        headers,
        signal,
        ...(write ?? {}),
      });
      // The body read is inside the try so a server that stalls mid-body also times out.
      text = await response.text();
    } catch (e) {
      if (timeout.aborted) {
        throw forgejoError(
          'TIMEOUT',
          `Forgejo at ${target.host} did not answer ${
            write ? `${write.method} ` : ''
          }${path} within ${timeoutMs} ms.`,
          { host: target.host, cause: e },
        );
      }
      if (request.signal?.aborted) throw e;
      throw forgejoError(
        'UPSTREAM_ERROR',
        `Forgejo at ${target.webBaseUrl} could not be reached (host ${
          target.host
        } of integrations.gitea) for ${
          write ? `${write.method} ` : ''
        }${path}: ${describeNetworkError(e)}.`,
        { host: target.host, cause: e },
      );
    }
    if (!response.ok) {
      throw errorFromStatus({
        host: target.host,
        path,
        status: response.status,
        method: write?.method,
        upstreamMessage: messageOf(text),
        retryAfter: response.headers.get('retry-after'),
        anonymous: !authorization,
      });
    }
    if (write && text === '') {
      return {
        data: undefined as T,
        status: response.status,
        headers: response.headers,
      };
    }
    let data: T;
    try {
      data = JSON.parse(text) as T;
    } catch (e) {
      throw forgejoError(
        'INVALID_RESPONSE',
        `Forgejo at ${
          target.host
        } answered ${path} with something that is not JSON (${text
          .slice(0, 60)
          .replace(/\s+/g, ' ')}…).`,
        { host: target.host, upstreamStatus: response.status, cause: e },
      );
    }
    if (data === null || typeof data !== 'object') {
      throw forgejoError(
        'INVALID_RESPONSE',
        `Forgejo at ${target.host} answered ${path} with JSON of an unexpected shape.`,
        { host: target.host, upstreamStatus: response.status },
      );
    }
    return { data, status: response.status, headers: response.headers };
  }
}

/** Forgejo errors carry `{ message }`; anything else is shown as a short excerpt. */
function messageOf(text: string): string | undefined {
  try {
    const parsed = JSON.parse(text);
    if (parsed && typeof parsed.message === 'string') return parsed.message;
  } catch {
    // not JSON: fall through to the raw text
  }
  return text || undefined;
}

/** undici wraps the useful part (ECONNREFUSED, ENOTFOUND) in `cause`. */
function describeNetworkError(e: unknown): string {
  const cause = (e as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (e as Error)?.message ?? String(e);
}
