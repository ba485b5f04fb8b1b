import { loadSwaggerValidator } from '../../spec/swaggerValidator';
import { specPath } from '../../spec/specsDir';
import { SANDBOX_FORGEJO_TOKEN } from '../../testing';

export const TOKEN = SANDBOX_FORGEJO_TOKEN;
export const BASIC = `Basic ${Buffer.from(
  'edp-bot:sandbox-forgejo-password',
).toString('base64')}`;

const validator = loadSwaggerValidator(specPath('forgejo-swagger-v1.json'));

/** Calls the stand-in over real HTTP (token auth unless `auth` says otherwise) and parses JSON bodies. */
export function forgejoClient(baseUrl: string) {
  return async function call(
    method: string,
    path: string,
    options: { auth?: string | null; body?: unknown } = {},
  ): Promise<{ status: number; headers: Headers; body: any }> {
    const headers: Record<string, string> = {};
    const auth = options.auth === undefined ? `token ${TOKEN}` : options.auth;
    if (auth) headers.Authorization = auth;
    if (options.body !== undefined)
      headers['Content-Type'] = 'application/json';
    const res = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers,
      body:
        options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await res.text();
    const isJson = (res.headers.get('content-type') ?? '').includes('json');
    return {
      status: res.status,
      headers: res.headers,
      body: isJson && text ? JSON.parse(text) : text,
    };
  };
}

/** Swagger errors of a response: `specPathTemplate` is the spec's path, e.g. `/repos/{owner}/{repo}`. */
export function specErrors(
  method: string,
  specPathTemplate: string,
  status: number,
  body: unknown,
): string[] {
  return validator.validateResponse({
    method,
    path: specPathTemplate,
    status,
    body: body === '' ? undefined : body,
  });
}

/** Parses an RFC 8288 Link header into rel → URL. */
export function parseLinks(header: string | null): Record<string, string> {
  const links: Record<string, string> = {};
  for (const part of (header ?? '').split(',').filter(Boolean)) {
    const match = /<([^>]+)>;\s*rel="([^"]+)"/.exec(part.trim());
    if (match) links[match[2]] = match[1];
  }
  return links;
}
