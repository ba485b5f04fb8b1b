import type {
  ForgejoProblemBody,
  ForgejoProblemCode,
} from '@edp/plugin-forgejo-common';
import { ForgejoError } from '@edp/plugin-forgejo-node';

/** HTTP status the backend answers for each problem; 502/504 for upstream trouble, as a gateway would. */
const STATUS: Record<ForgejoProblemCode, number> = {
  NOT_CONFIGURED: 422,
  MISSING_INTEGRATION: 422,
  NOT_FOUND: 404,
  EMPTY_REPOSITORY: 409,
  FORBIDDEN: 403,
  UNAUTHORIZED: 502,
  RATE_LIMITED: 503,
  TIMEOUT: 504,
  UPSTREAM_ERROR: 502,
  INVALID_RESPONSE: 502,
  INVALID_REQUEST: 400,
};

/**
 * Turns a ForgejoError into the structured body the cards render. Other errors are left to Backstage's
 * error handler (they are bugs, not upstream states).
 */
export function toProblem(error: ForgejoError): {
  status: number;
  body: ForgejoProblemBody;
} {
  return {
    status: STATUS[error.code],
    body: {
      error: { name: error.name, message: error.message },
      problem: {
        code: error.code,
        message: error.message,
        host: error.host,
        configuredHosts: error.configuredHosts,
        upstreamStatus: error.upstreamStatus,
        retryable: error.retryable,
      },
    },
  };
}

/**
 * The card state of a user the policy does not let read an entity's repository: a 403 the cards
 * explain, with the same body shape as the upstream problems.
 */
export function forbiddenProblem(message: string): {
  status: number;
  body: ForgejoProblemBody;
} {
  return {
    status: STATUS.FORBIDDEN,
    body: {
      error: { name: 'NotAllowedError', message },
      problem: { code: 'FORBIDDEN', message, retryable: false },
    },
  };
}
