import { CustomErrorBase } from '@backstage/errors';
import type { ForgejoProblemCode } from '@edp/plugin-forgejo-common';

/** Codes a retry may fix (the others need a config or repository change first). */
const RETRYABLE: ForgejoProblemCode[] = [
  'RATE_LIMITED',
  'TIMEOUT',
  'UPSTREAM_ERROR',
  'INVALID_RESPONSE',
];

/**
 * Any failure talking to Forgejo, or resolving which Forgejo to talk to.
 * `code` says what went wrong in terms a card can render.
 * @public
 */
export class ForgejoError extends CustomErrorBase {
  readonly code: ForgejoProblemCode;
  readonly host?: string;
  readonly upstreamStatus?: number;
  readonly configuredHosts?: string[];
  readonly retryAfterSeconds?: number;

  constructor(
    code: ForgejoProblemCode,
    message: string,
    details: {
      host?: string;
      upstreamStatus?: number;
      configuredHosts?: string[];
      retryAfterSeconds?: number;
      cause?: unknown;
    } = {},
  ) {
    super(message, details.cause as Error | undefined);
    this.name = 'ForgejoError';
    this.code = code;
    this.host = details.host;
    this.upstreamStatus = details.upstreamStatus;
    this.configuredHosts = details.configuredHosts;
    this.retryAfterSeconds = details.retryAfterSeconds;
  }

  get retryable(): boolean {
    return RETRYABLE.includes(this.code);
  }
}

/** @public */
export function isForgejoError(e: unknown): e is ForgejoError {
  return e instanceof ForgejoError;
}

/** Shortens an upstream message so a misbehaving server cannot flood logs or cards. */
function excerpt(text: string | undefined): string {
  if (!text) return '';
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}

/**
 * Maps an HTTP error answer from Forgejo to a ForgejoError with a message naming host and path.
 * @internal
 */
export function errorFromStatus(options: {
  host: string;
  path: string;
  status: number;
  upstreamMessage?: string;
  retryAfter?: string | null;
  /** True when the host's integrations.gitea entry has no password/token. */
  anonymous?: boolean;
}): ForgejoError {
  const { host, path, status } = options;
  const said = excerpt(options.upstreamMessage);
  const anonymous = options.anonymous
    ? ` The integrations.gitea entry for ${host} has no password or token, so Forgejo was called anonymously.`
    : '';
  const suffix = `${said ? ` Forgejo said: ${said}` : ''}${anonymous}`;
  const details = { host, upstreamStatus: status };
  if (status === 404) {
    return new ForgejoError(
      'NOT_FOUND',
      `Forgejo at ${host} answered 404 for ${path}: the repository does not exist or the credentials configured for this host cannot see it.${anonymous}`,
      details,
    );
  }
  if (status === 409) {
    return new ForgejoError(
      'EMPTY_REPOSITORY',
      `The repository behind ${path} on ${host} is empty (no commits yet).${suffix}`,
      details,
    );
  }
  if (status === 401 || status === 403) {
    return new ForgejoError(
      'UNAUTHORIZED',
      `Forgejo at ${host} rejected the request for ${path} (HTTP ${status}); check the username/password or token of this host in integrations.gitea.${suffix}`,
      details,
    );
  }
  if (status === 429) {
    const seconds = Number(options.retryAfter);
    return new ForgejoError(
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
  return new ForgejoError(
    'UPSTREAM_ERROR',
    `Forgejo at ${host} failed on ${path} with HTTP ${status}.${suffix}`,
    details,
  );
}
