import type { IncomingHttpHeaders } from 'node:http';
import type { ForgejoStore, UserRecord } from '../model';

export type AuthResult = { user?: UserRecord } | { error: string };

/**
 * Reads the credentials Forgejo accepts: `Authorization: token <PAT>` or `Bearer <PAT>`,
 * `Authorization: Basic` with a password or a token as the password (scheme names in any case),
 * and the deprecated `token`/`access_token` query parameters. No credentials = anonymous.
 */
export function authenticate(
  store: ForgejoStore,
  headers: IncomingHttpHeaders,
  query: Record<string, unknown> = {},
): AuthResult {
  const header = headers.authorization;
  const queryToken = query.token ?? query.access_token;
  if (!header) {
    if (typeof queryToken !== 'string') return {};
    const user = store.authenticate(undefined, queryToken);
    return user ? { user } : { error: 'user does not exist [uid: 0, name: ]' };
  }
  const [scheme, ...rest] = header.trim().split(/\s+/);
  const value = rest.join(' ');
  switch (scheme.toLowerCase()) {
    case 'token':
    case 'bearer': {
      const user = store.authenticate(undefined, value);
      return user
        ? { user }
        : { error: 'user does not exist [uid: 0, name: ]' };
    }
    case 'basic': {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon < 0) return { error: 'invalid basic authentication' };
      const login = decoded.slice(0, colon);
      const secret = decoded.slice(colon + 1);
      // git sends the token as the password with any user name; Forgejo accepts that too.
      const user =
        store.authenticate(login, secret) ??
        store.authenticate(undefined, secret);
      return user
        ? { user }
        : { error: `user's password is invalid [uid: 0, name: ${login}]` };
    }
    default:
      return { error: `unsupported authorization scheme "${scheme}"` };
  }
}
