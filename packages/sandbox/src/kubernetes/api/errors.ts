/** Reasons the Kubernetes API puts in `Status` bodies (metav1.StatusReason). */
export type StatusReason =
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Invalid'
  | 'BadRequest'
  | 'Unauthorized'
  | 'Forbidden'
  | 'MethodNotAllowed'
  | 'UnsupportedMediaType'
  | 'Expired'
  | 'Gone'
  | 'InternalError';

export interface StatusCause {
  reason?: string;
  message: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  causes?: StatusCause[];
}

/** An API failure that becomes a `Status` body, exactly as kube-apiserver reports it. */
export class KubeApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: StatusReason,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(message);
    this.name = 'KubeApiError';
  }

  toStatus(): Record<string, unknown> {
    return statusBody(
      'Failure',
      this.message,
      this.reason,
      this.code,
      this.details,
    );
  }
}

export function statusBody(
  status: 'Success' | 'Failure',
  message: string | undefined,
  reason: StatusReason | undefined,
  code: number,
  details?: StatusDetails,
): Record<string, unknown> {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status,
    ...(message ? { message } : {}),
    ...(reason ? { reason } : {}),
    ...(details ? { details } : {}),
    code,
  };
}

/** `<plural>.<group>` as the API server names a resource in messages ("deployments.apps"). */
function qualified(plural: string, group: string): string {
  return group ? `${plural}.${group}` : plural;
}

/** One problem alone, several in brackets: how the API server lists an Invalid's causes. */
const listed = (items: string[]) =>
  items.length === 1 ? items[0] : `[${items.join(', ')}]`;

export const errors = {
  notFound: (plural: string, group: string, name: string) =>
    new KubeApiError(
      404,
      'NotFound',
      `${qualified(plural, group)} "${name}" not found`,
      {
        name,
        group,
        kind: plural,
      },
    ),
  alreadyExists: (plural: string, group: string, name: string) =>
    new KubeApiError(
      409,
      'AlreadyExists',
      `${qualified(plural, group)} "${name}" already exists`,
      {
        name,
        group,
        kind: plural,
      },
    ),
  conflict: (plural: string, group: string, name: string, why: string) =>
    new KubeApiError(
      409,
      'Conflict',
      `Operation cannot be fulfilled on ${qualified(
        plural,
        group,
      )} "${name}": ${why}`,
      { name, group, kind: plural },
    ),
  invalid: (kind: string, group: string, name: string, causes: StatusCause[]) =>
    new KubeApiError(
      422,
      'Invalid',
      `${kind}${group ? `.${group}` : ''} "${name}" is invalid: ${listed(
        causes.map(c => (c.field ? `${c.field}: ${c.message}` : c.message)),
      )}`,
      { name, group, kind, causes },
    ),
  badRequest: (message: string) => new KubeApiError(400, 'BadRequest', message),
  unauthorized: () => new KubeApiError(401, 'Unauthorized', 'Unauthorized'),
  methodNotAllowed: (verb: string) =>
    new KubeApiError(
      405,
      'MethodNotAllowed',
      `the server does not allow this method on the requested resource (${verb})`,
    ),
  unsupportedMediaType: (type: string) =>
    new KubeApiError(
      415,
      'UnsupportedMediaType',
      `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json (got "${type}")`,
    ),
  expired: (rv: number, oldest: number) =>
    new KubeApiError(
      410,
      'Expired',
      `too old resource version: ${rv} (${oldest})`,
    ),
  pathNotFound: () =>
    new KubeApiError(
      404,
      'NotFound',
      'the server could not find the requested resource',
    ),
};
