/**
 * The few Kubernetes API calls Terraform's `kubernetes` backend makes (get/create/update/delete of
 * Secrets and Leases), over plain HTTP(S) with a bearer token, the way client-go does them.
 */
import http from 'node:http';
import https from 'node:https';
import { TfError } from '../diagnostics';

export interface KubeConnection {
  host: string;
  token?: string;
  insecure: boolean;
  /** PEM of the cluster CA, when the host is https and not insecure. */
  caCertificate?: string;
}

export interface KubeResponse {
  status: number;
  body: any;
}

/** One request; answers with the status and the parsed body, never throws for an HTTP status. */
export function kubeRequest(
  conn: KubeConnection,
  method: string,
  path: string,
  body?: unknown,
): Promise<KubeResponse> {
  const url = new URL(
    path,
    conn.host.endsWith('/') ? conn.host : `${conn.host}/`,
  );
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (conn.token) headers.authorization = `Bearer ${conn.token}`;
  if (payload !== undefined) headers['content-type'] = 'application/json';
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = transport.request(
      url,
      {
        method,
        headers,
        ...(url.protocol === 'https:'
          ? { rejectUnauthorized: !conn.insecure, ca: conn.caCertificate }
          : {}),
      },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', c => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            // not JSON: keep the text for the error message
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
      },
    );
    req.on('error', e =>
      reject(
        new TfError(
          'Error connecting to the Kubernetes API',
          `${method} ${url.origin}: ${e.message}`,
        ),
      ),
    );
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

/** Throws Terraform's style of backend error for a failed call. */
export function kubeFailure(what: string, res: KubeResponse): TfError {
  const message =
    typeof res.body === 'object' && res.body?.message
      ? res.body.message
      : String(res.body ?? '');
  return new TfError(
    'Error communicating with the Kubernetes backend',
    `${what}: HTTP ${res.status}: ${message}`,
  );
}
