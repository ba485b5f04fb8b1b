import {
  generateKeyPairSync,
  randomUUID,
  sign,
  type KeyObject,
} from 'node:crypto';
import type { KubeCluster } from '../store/cluster';
import { errors } from '../api/errors';
import { serviceAccountUser, type UserInfo } from './rbac';

type Obj = Record<string, any>;

const ISSUER = 'https://kubernetes.default.svc.cluster.local';
/** The API server's defaults: one hour, and no less than ten minutes. */
const DEFAULT_SECONDS = 3600;
const MIN_SECONDS = 600;

interface Issued {
  user: UserInfo;
  expires: number;
}

/**
 * Service account tokens issued through `POST .../serviceaccounts/{name}/token` (TokenRequest,
 * `kubectl create token`): RS256 JWTs with the claims a real API server puts in them, which the
 * stand-in then accepts as `system:serviceaccount:<ns>:<name>` (in the groups
 * `system:serviceaccounts` and `system:serviceaccounts:<ns>`) until they expire; RBAC decides
 * what it may do.
 */
export class ServiceAccountTokens {
  private readonly issued = new Map<string, Issued>();
  private key?: KeyObject;

  /** The caller a bearer token stands for, while it is valid. */
  requester(token: string): UserInfo | undefined {
    const found = this.issued.get(token);
    if (!found) return undefined;
    if (found.expires <= Date.now()) {
      this.issued.delete(token);
      return undefined;
    }
    return found.user;
  }

  /** Answers a TokenRequest for an existing service account (201 with `status.token`). */
  request(
    cluster: KubeCluster,
    namespace: string,
    name: string,
    body: Obj | undefined,
  ): Obj {
    const account = cluster.get(
      cluster.type('v1', 'ServiceAccount'),
      namespace,
      name,
    );
    const spec = body?.spec ?? {};
    const seconds = Number(spec.expirationSeconds ?? DEFAULT_SECONDS);
    if (!Number.isInteger(seconds) || seconds < MIN_SECONDS)
      throw errors.invalid('TokenRequest', 'authentication.k8s.io', name, [
        {
          reason: 'FieldValueInvalid',
          field: 'spec.expirationSeconds',
          message: `Invalid value: ${spec.expirationSeconds}: may not specify a duration less than 10 minutes`,
        },
      ]);
    const audiences: string[] = spec.audiences?.length
      ? spec.audiences
      : [ISSUER];
    const now = Math.floor(Date.now() / 1000);
    const username = `system:serviceaccount:${namespace}:${name}`;
    const token = this.jwt({
      aud: audiences,
      exp: now + seconds,
      iat: now,
      iss: ISSUER,
      jti: randomUUID(),
      'kubernetes.io': {
        namespace,
        serviceaccount: { name, uid: account.metadata.uid },
      },
      nbf: now,
      sub: username,
    });
    this.issued.set(token, {
      user: serviceAccountUser(namespace, name),
      expires: (now + seconds) * 1000,
    });
    return {
      kind: 'TokenRequest',
      apiVersion: 'authentication.k8s.io/v1',
      metadata: { name, namespace, creationTimestamp: null },
      spec: {
        audiences,
        expirationSeconds: seconds,
        boundObjectRef: spec.boundObjectRef ?? null,
      },
      status: {
        token,
        expirationTimestamp: new Date((now + seconds) * 1000)
          .toISOString()
          .replace(/\.\d{3}Z$/, 'Z'),
      },
    };
  }

  private jwt(claims: Obj): string {
    // One key per stand-in process, made when the first token is asked for.
    this.key ??= generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const part = (o: Obj) =>
      Buffer.from(JSON.stringify(o)).toString('base64url');
    const head = `${part({ alg: 'RS256', kid: 'sandbox' })}.${part(claims)}`;
    return `${head}.${sign('sha256', Buffer.from(head), this.key).toString(
      'base64url',
    )}`;
  }
}

const perCluster = new WeakMap<KubeCluster, ServiceAccountTokens>();

/** The token issuer of a cluster (shared by its HTTP and HTTPS endpoints). */
export function serviceAccountTokensOf(
  cluster: KubeCluster,
): ServiceAccountTokens {
  let tokens = perCluster.get(cluster);
  if (!tokens) {
    tokens = new ServiceAccountTokens();
    perCluster.set(cluster, tokens);
  }
  return tokens;
}
