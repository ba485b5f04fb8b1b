import type { ArgoCDInstanceErrorReason } from '@edp/plugin-argocd-common';

/**
 * A failed call to one ArgoCD instance. The message is safe to show to users:
 * it names the instance and what went wrong, never a credential.
 * @public
 */
export class ArgoCDError extends Error {
  readonly instance: string;
  readonly reason: ArgoCDInstanceErrorReason;
  readonly status?: number;

  constructor(options: {
    instance: string;
    reason: ArgoCDInstanceErrorReason;
    message: string;
    status?: number;
  }) {
    super(options.message);
    this.name = 'ArgoCDError';
    this.instance = options.instance;
    this.reason = options.reason;
    this.status = options.status;
  }
}

/** Turns anything thrown while talking to an instance into an ArgoCDError. @public */
export function toArgoCDError(instance: string, error: unknown): ArgoCDError {
  if (error instanceof ArgoCDError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ArgoCDError({
    instance,
    reason: 'network',
    message: `ArgoCD instance "${instance}" could not be reached: ${message}`,
  });
}
