import { ConflictError, InputError } from '@backstage/errors';
import { ApiException } from '@kubernetes/client-node';

interface StatusBody {
  kind?: string;
  message?: string;
  reason?: string;
  details?: {
    causes?: Array<{ type?: string; message?: string; field?: string }>;
  };
}

function statusBody(e: ApiException<unknown>): StatusBody {
  const body = e.body;
  if (typeof body === 'string') {
    try {
      return JSON.parse(body);
    } catch {
      return { message: body.slice(0, 300) };
    }
  }
  return (body ?? {}) as StatusBody;
}

/**
 * Turns a Kubernetes API failure into an error a template user can act on.
 * Request headers (and so the bearer token) never reach the message.
 */
export function explainKubernetesError(
  e: unknown,
  what: string,
  cluster: { name: string; url: string },
): Error {
  if (e instanceof ApiException) {
    const status = statusBody(e);
    if (e.code === 409 && status.details?.causes?.length) {
      const fields = status.details.causes
        .map(c => `${c.field ?? '?'} (${c.message ?? c.type ?? 'conflict'})`)
        .join(', ');
      return new ConflictError(
        `Conflict while ${what}: field(s) ${fields} are owned by another field manager; ` +
          'set "force: true" to take them over, or remove them from the manifest',
      );
    }
    if (e.code === 401 || e.code === 403) {
      return new Error(
        `Cluster "${cluster.name}" refused ${what} (HTTP ${e.code}${
          status.reason ? ` ${status.reason}` : ''
        }): ` +
          `${
            status.message ?? 'check serviceAccountToken and its RBAC rights'
          }`,
      );
    }
    if (e.code === 422 || e.code === 400) {
      return new InputError(
        `Cluster "${cluster.name}" rejected ${what}: ${
          status.message ?? `HTTP ${e.code}`
        }`,
      );
    }
    return new Error(
      `Cluster "${cluster.name}" failed on ${what}: HTTP ${e.code}${
        status.reason ? ` ${status.reason}` : ''
      }${status.message ? `: ${status.message}` : ''}`,
    );
  }
  const err = e as Error;
  if (err?.name === 'AbortError') return err;
  if (/HTTP protocol is not allowed/.test(String(err?.message))) {
    // @kubernetes/client-node refuses to send a token over plain http unless TLS checks are off.
    return new InputError(
      `Cluster "${cluster.name}" has a plain http:// url; set skipTLSVerify: true for it in kubernetes.clusterLocatorMethods (local clusters only) or use https`,
    );
  }
  const reason = String(err?.message ?? e)
    // node-fetch puts the URL in its messages; it never contains the token, but keep the message short.
    .split('\n')[0];
  return new Error(
    `Cluster "${cluster.name}" (${cluster.url}) could not be reached for ${what}: ${reason}`,
  );
}
