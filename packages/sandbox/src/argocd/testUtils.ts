import type { Sandbox } from '../host/sandbox';
import { loadSwaggerValidator } from '../spec/swaggerValidator';
import { specPath } from '../spec/specsDir';
import { startTestSandbox } from '../testing';
import type { ArgoCdStandInState } from './standIn';

/** Validates responses against specs/argocd-swagger.json (unknown properties rejected). */
export const argocdSpec = loadSwaggerValidator(specPath('argocd-swagger.json'));

export const ADMIN = { username: 'admin', password: 'sandbox-argocd-password' };
export const BETA_TOKEN = 'sandbox-argocd-token-beta';

/** Starts only the ArgoCD stand-in, with a quick simulated controller unless told otherwise. */
export function startArgoCd(
  config: Record<string, unknown> = {},
): Promise<Sandbox> {
  return startTestSandbox(['argocd'], {
    services_config: { argocd: { syncDurationMs: 150, ...config } },
  } as any);
}

export function argocdState(sandbox: Sandbox): ArgoCdStandInState {
  return sandbox.standIns.get('argocd')!.state as ArgoCdStandInState;
}

/** A JSON response, with its status. */
export interface JsonResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** Calls the stand-in over real HTTP and parses the JSON body. */
export async function call<T = any>(
  url: string,
  options: {
    method?: string;
    token?: string;
    body?: unknown;
    headers?: Record<string, string>;
  } = {},
): Promise<JsonResponse<T>> {
  const res = await fetch(url, {
    method: options.method ?? 'GET',
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.body !== undefined
        ? { 'content-type': 'application/json' }
        : {}),
      ...options.headers,
    },
    body:
      typeof options.body === 'string' || options.body === undefined
        ? options.body
        : JSON.stringify(options.body),
  });
  const text = await res.text();
  return {
    status: res.status,
    body: text ? JSON.parse(text) : undefined,
    headers: res.headers,
  };
}

export async function login(
  baseUrl: string,
  credentials = ADMIN,
): Promise<string> {
  const res = await call<{ token: string }>(`${baseUrl}/api/v1/session`, {
    method: 'POST',
    body: credentials,
  });
  if (res.status !== 200)
    throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.token;
}

/** Polls `read` until `done` holds (or fails after `timeoutMs`), returning the last value. */
export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 5000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(
        `condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(
          value,
        ).slice(0, 500)}`,
      );
    await new Promise(r => setTimeout(r, 25));
  }
}
