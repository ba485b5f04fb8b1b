import {
  createHmac,
  randomBytes,
  randomUUID,
  timingSafeEqual,
} from 'node:crypto';
import type { Request } from 'express';

export type Role = 'admin' | 'readonly';

/** Who a request acts as, once authenticated. */
export interface Principal {
  username: string;
  role: Role;
  /** Projects this principal may see; undefined means all. */
  projects?: string[];
}

export interface Account extends Principal {
  password: string;
}

export interface StaticToken extends Principal {
  token: string;
}

/** Why a request is not authenticated, with the message ArgoCD gives for it. */
export class Unauthenticated extends Error {}

const b64url = (data: Buffer | string) =>
  Buffer.from(data).toString('base64url');

/**
 * Local accounts, session JWTs and static API tokens of one ArgoCD instance.
 * Session tokens are real HS256 JWTs signed with a per-instance secret and carry `exp`,
 * so a client that caches them sees a 401 once `sessionTtlMs` has passed.
 */
export class InstanceAuth {
  private readonly secret = randomBytes(32);

  constructor(
    private readonly options: {
      accounts: Account[];
      tokens: StaticToken[];
      sessionTtlMs: number;
      now?: () => number;
    },
  ) {}

  private now() {
    return this.options.now?.() ?? Date.now();
  }

  /** Checks a username and password; returns a signed session token, or undefined. */
  login(username: unknown, password: unknown): string | undefined {
    const account = this.options.accounts.find(a => a.username === username);
    if (
      !account ||
      typeof password !== 'string' ||
      !safeEqual(account.password, password)
    )
      return undefined;
    const issuedMs = this.now();
    const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
    const payload = b64url(
      JSON.stringify({
        iss: 'argocd',
        sub: account.username,
        jti: randomUUID(),
        iat: Math.floor(issuedMs / 1000),
        nbf: Math.floor(issuedMs / 1000),
        // Milliseconds are kept in a private claim so that sub-second TTLs (tests) are exact.
        exp: Math.ceil((issuedMs + this.options.sessionTtlMs) / 1000),
        'sandbox/expMs': issuedMs + this.options.sessionTtlMs,
      }),
    );
    return `${header}.${payload}.${this.sign(`${header}.${payload}`)}`;
  }

  /** The principal a request authenticates as, from `Authorization: Bearer` or the `argocd.token` cookie. */
  authenticate(req: Request): Principal {
    const token = bearerToken(req) ?? cookieToken(req);
    if (!token) throw new Unauthenticated('no session information');
    const staticToken = this.options.tokens.find(t =>
      safeEqual(t.token, token),
    );
    if (staticToken)
      return {
        username: staticToken.username,
        role: staticToken.role,
        projects: staticToken.projects,
      };
    const parts = token.split('.');
    if (parts.length !== 3)
      throw new Unauthenticated(
        'invalid session: token contains an invalid number of segments',
      );
    if (!safeEqual(this.sign(`${parts[0]}.${parts[1]}`), parts[2])) {
      throw new Unauthenticated(
        'invalid session: token signature is invalid: signature is invalid',
      );
    }
    let claims: { sub?: string; 'sandbox/expMs'?: number };
    try {
      claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    } catch {
      throw new Unauthenticated('invalid session: token is malformed');
    }
    if (
      typeof claims['sandbox/expMs'] !== 'number' ||
      this.now() >= claims['sandbox/expMs']
    ) {
      throw new Unauthenticated(
        'invalid session: token has invalid claims: token is expired',
      );
    }
    const account = this.options.accounts.find(a => a.username === claims.sub);
    if (!account)
      throw new Unauthenticated('invalid session: account no longer exists');
    return {
      username: account.username,
      role: account.role,
      projects: account.projects,
    };
  }

  private sign(data: string) {
    return createHmac('sha256', this.secret).update(data).digest('base64url');
  }
}

function safeEqual(a: string, b: string) {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function bearerToken(req: Request): string | undefined {
  const header = req.headers.authorization;
  const match = header ? /^Bearer\s+(.+)$/i.exec(header.trim()) : null;
  return match?.[1];
}

function cookieToken(req: Request): string | undefined {
  const cookie = req.headers.cookie;
  if (!cookie) return undefined;
  for (const part of cookie.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === 'argocd.token') return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/** True when the principal may see applications of `project`. */
export function canSeeProject(
  principal: Principal,
  project: string | undefined,
): boolean {
  return (
    !principal.projects || principal.projects.includes(project || 'default')
  );
}
