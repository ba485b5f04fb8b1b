import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
  isError,
} from '@backstage/errors';
import type { ForgejoProblemCode } from '@edp/plugin-forgejo-common';

/** Codes a retry may fix (the others need a config or repository change first). */
const RETRYABLE: ForgejoProblemCode[] = [
  'RATE_LIMITED',
  'TIMEOUT',
  'UPSTREAM_ERROR',
  'INVALID_RESPONSE',
];

/**
 * What a failure talking to Forgejo says besides its Backstage error class: `code` in terms a card
 * can render, the host, and Forgejo's own HTTP status.
 * @public
 */
export interface ForgejoErrorDetails {
  readonly code: ForgejoProblemCode;
  readonly host?: string;
  readonly upstreamStatus?: number;
  readonly configuredHosts?: string[];
  readonly retryAfterSeconds?: number;
  /** Whether the same call may succeed later without a config or repository change. */
  readonly retryable: boolean;
}

/**
 * Any failure talking to Forgejo, or resolving which Forgejo to talk to: a Backstage error
 * (NotFoundError, ConflictError, NotAllowedError, InputError or ServiceUnavailableError, so that
 * Backstage's error handler answers the matching status) carrying the ForgejoErrorDetails.
 * @public
 */
export type ForgejoError = Error & ForgejoErrorDetails;

/** Marks the errors made here, so that isForgejoError does not depend on duck typing. */
const FORGEJO_ERROR = Symbol.for('edp.forgejo.error');

type BackstageErrorClass = new (message?: string, cause?: unknown) => Error;

/** The Backstage error class for a code. */
function classFor(code: ForgejoProblemCode): BackstageErrorClass {
  switch (code) {
    case 'NOT_FOUND':
      return NotFoundError;
    case 'EMPTY_REPOSITORY':
      return ConflictError;
    case 'UNAUTHORIZED':
    case 'FORBIDDEN':
      return NotAllowedError;
    case 'NOT_CONFIGURED':
    case 'MISSING_INTEGRATION':
    case 'INVALID_REQUEST':
      return InputError;
    default:
      return ServiceUnavailableError;
  }
}

/** @internal */
export function forgejoError(
  code: ForgejoProblemCode,
  message: string,
  details: {
    host?: string;
    upstreamStatus?: number;
    configuredHosts?: string[];
    retryAfterSeconds?: number;
    cause?: unknown;
    /** Overrides the class the code implies (a write Forgejo refused). */
    errorClass?: BackstageErrorClass;
  } = {},
): ForgejoError {
  const { cause, errorClass, ...rest } = details;
  const ErrorClass = errorClass ?? classFor(code);
  const error = new ErrorClass(message, cause) as ForgejoError;
  Object.assign(error, {
    code,
    ...rest,
    retryable: RETRYABLE.includes(code),
  });
  Object.defineProperty(error, FORGEJO_ERROR, { value: true });
  return error;
}

/** @public */
export function isForgejoError(e: unknown): e is ForgejoError {
  return isError(e) && (e as any)[FORGEJO_ERROR] === true;
}

/** Shortens an upstream message so a misbehaving server cannot flood logs or cards. */
function excerpt(text: string | undefined): string {
  if (!text) return '';
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}

/**
 * Maps an HTTP error answer from Forgejo to a ForgejoError with a message naming host and path.
 * `method` is GET unless given: a 409 to a read means an empty repository, to a write a conflict.
 * @internal
 */
export function errorFromStatus(options: {
  host: string;
  path: string;
  status: number;
  method?: string;
  upstreamMessage?: string;
  retryAfter?: string | null;
  /** True when the host's integrations.gitea entry has no password/token. */
  anonymous?: boolean;
}): ForgejoError {
  const { host, status } = options;
  const write = options.method !== undefined && options.method !== 'GET';
  const path = write ? `${options.method} ${options.path}` : options.path;
  const said = excerpt(options.upstreamMessage);
  const anonymous = options.anonymous
    ? ` The integrations.gitea entry for ${host} has no password or token, so Forgejo was called anonymously.`
    : '';
  const suffix = `${said ? ` Forgejo said: ${said}` : ''}${anonymous}`;
  const details = { host, upstreamStatus: status };
  if (status === 404) {
    return forgejoError(
      'NOT_FOUND',
      `Forgejo at ${host} answered 404 for ${path}: the repository does not exist or the credentials configured for this host cannot see it.${anonymous}`,
      details,
    );
  }
  if (status === 409 && !write) {
    return forgejoError(
      'EMPTY_REPOSITORY',
      `The repository behind ${path} on ${host} is empty (no commits yet).${suffix}`,
      details,
    );
  }
  if (status === 401 || status === 403) {
    return forgejoError(
      'UNAUTHORIZED',
      `Forgejo at ${host} rejected the request for ${path} (HTTP ${status}); check the username/password or token of this host in integrations.gitea.${suffix}`,
      details,
    );
  }
  if (status === 429) {
    const seconds = Number(options.retryAfter);
    return forgejoError(
      'RATE_LIMITED',
      `Forgejo at ${host} is rate limiting requests (HTTP 429)${
        Number.isFinite(seconds) ? `; retry after ${seconds} s` : ''
      }.`,
      {
        ...details,
        retryAfterSeconds: Number.isFinite(seconds) ? seconds : undefined,
      },
    );
  }
  if (write && (status === 409 || status === 400 || status === 422)) {
    // A write Forgejo refused (name taken, invalid field): the caller's to fix, Forgejo says why.
    return forgejoError(
      'UPSTREAM_ERROR',
      `Forgejo at ${host} refused ${path} with HTTP ${status}.${suffix}`,
      { ...details, errorClass: status === 409 ? ConflictError : InputError },
    );
  }
  return forgejoError(
    'UPSTREAM_ERROR',
    `Forgejo at ${host} failed on ${path} with HTTP ${status}.${suffix}`,
    details,
  );
}
