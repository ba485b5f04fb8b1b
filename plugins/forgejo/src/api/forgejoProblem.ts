import { ResponseError } from '@backstage/errors';
import type { ForgejoProblemCode } from '@edp/plugin-forgejo-common';
import { backendMessage } from '@edp/plugin-edp-react';

/**
 * What a card makes of a failed request: the backend's Backstage error carries, for a Forgejo
 * failure, the problem code, the host and the configured hosts beside its name and message.
 * @public
 */
export interface ForgejoProblem {
  code: ForgejoProblemCode;
  message: string;
  host?: string;
  /** For MISSING_INTEGRATION: the hosts that are configured. */
  configuredHosts?: string[];
  /** Whether asking again may help without a config or repository change. */
  retryable: boolean;
}

/** The code of a Backstage error that is not a Forgejo failure (a denied read, an unknown entity). */
const CODE_BY_STATUS: Record<number, ForgejoProblemCode> = {
  400: 'INVALID_REQUEST',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'EMPTY_REPOSITORY',
};

interface ForgejoErrorFields {
  code?: ForgejoProblemCode;
  host?: string;
  configuredHosts?: string[];
  retryable?: boolean;
}

/**
 * The problem a card shows for a failed request; undefined for an error that never reached the
 * backend (the network), which the cards show with its own message.
 * @public
 */
export function forgejoProblemOf(error: Error): ForgejoProblem | undefined {
  if (!(error instanceof ResponseError)) return undefined;
  const fields = error.body.error as ForgejoErrorFields;
  const status = error.response.status;
  const code = fields.code ?? CODE_BY_STATUS[status] ?? 'UPSTREAM_ERROR';
  return {
    code,
    message: backendMessage(error),
    host: fields.host,
    configuredHosts: fields.configuredHosts,
    retryable: fields.retryable ?? !(status in CODE_BY_STATUS),
  };
}
