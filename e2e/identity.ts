/**
 * Who the guest sign-in is. The backend loads e2e-results/e2e-identity.yaml as its last config file and
 * watches it (Backstage reloads watched config files), and the guest provider reads
 * auth.providers.guest at each sign-in: rewriting the file switches the identity of the next sign-in,
 * without a second backend. Specs switch with signInAs(...) and always switch back.
 */
import fs from 'node:fs';
import path from 'node:path';

export const IDENTITY_FILE = path.resolve(
  __dirname,
  '..',
  'e2e-results',
  'e2e-identity.yaml',
);

export interface GuestIdentity {
  userEntityRef: string;
  /** Used when the user is not in the catalog (the catalog's memberOf wins otherwise). */
  ownershipEntityRefs?: string[];
}

/** The demo's guest: a member of group:default/platform-engineers (edp.permission.privilegedGroups). */
export const PRIVILEGED: GuestIdentity = {
  userEntityRef: 'user:default/guest',
};

/** A signed-in user in no group: neither privileged nor an owner of any demo entity. */
export const VISITOR: GuestIdentity = {
  userEntityRef: 'user:default/visitor',
  ownershipEntityRefs: ['user:default/visitor'],
};

export function writeIdentity(identity: GuestIdentity): void {
  fs.mkdirSync(path.dirname(IDENTITY_FILE), { recursive: true });
  // JSON is YAML.
  fs.writeFileSync(
    IDENTITY_FILE,
    `${JSON.stringify({ auth: { providers: { guest: identity } } })}\n`,
  );
}

async function guestToken(): Promise<string> {
  const res = await fetch('http://localhost:7007/api/auth/guest/refresh', {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  if (!res.ok) throw new Error(`guest sign-in failed: ${res.status}`);
  return (await res.json()).backstageIdentity.token;
}

const subjectOf = (token: string): string =>
  JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'))
    .sub;

/** Switches the guest identity and returns a token of it, once the backend has reloaded the file. */
export async function signInAs(identity: GuestIdentity): Promise<string> {
  writeIdentity(identity);
  const deadline = Date.now() + 30_000;
  for (;;) {
    const token = await guestToken().catch(() => undefined);
    if (token && subjectOf(token) === identity.userEntityRef) return token;
    if (Date.now() > deadline)
      throw new Error(
        `the backend did not switch the guest to ${identity.userEntityRef} within 30 s`,
      );
    await new Promise(r => setTimeout(r, 500));
  }
}
