import type { Response } from 'express';

/** gRPC status codes ArgoCD puts in `code`, with the HTTP status grpc-gateway maps each to. */
export const GRPC = {
  InvalidArgument: { code: 3, http: 400 },
  NotFound: { code: 5, http: 404 },
  AlreadyExists: { code: 6, http: 409 },
  PermissionDenied: { code: 7, http: 403 },
  FailedPrecondition: { code: 9, http: 400 },
  Internal: { code: 13, http: 500 },
  Unavailable: { code: 14, http: 503 },
  Unauthenticated: { code: 16, http: 401 },
} as const;

export type GrpcStatus = keyof typeof GRPC;

/** An API error that becomes ArgoCD's `runtimeError` body: `{ error, code, message }`. */
export class ArgoError extends Error {
  constructor(readonly status: GrpcStatus, message: string) {
    super(message);
    this.name = 'ArgoError';
  }
}

export function sendError(
  res: Response,
  status: GrpcStatus,
  message: string,
): void {
  const { code, http } = GRPC[status];
  if (status === 'Unauthenticated')
    res.setHeader('WWW-Authenticate', 'Bearer realm="argocd"');
  res.status(http).json({ error: message, code, message });
}

export const notFound = (name: string) =>
  new ArgoError('NotFound', `applications.argoproj.io "${name}" not found`);

export const permissionDenied = (
  action: string,
  project: string,
  name: string,
  username: string,
) =>
  new ArgoError(
    'PermissionDenied',
    `permission denied: applications, ${action}, ${
      project || 'default'
    }/${name}, sub: ${username}`,
  );
