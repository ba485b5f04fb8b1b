import type { GitAuth } from './git';

/** `reconciler:` settings, under `argocd:` or one of its instances (the instance wins). */
export interface ReconcilerSettings {
  /** How long a sync stays Running/Progressing before Succeeded/Healthy; 0 for benchmarks. */
  reconcileDelayMs: number;
  /** How often every Application is compared again (new commits, drift). */
  resyncIntervalMs: number;
  /** A repository is fetched at most this often, unless a refresh asks for it. */
  fetchCacheMs: number;
  /** Credentials for private repositories (sent as a Basic header, never in a URL). */
  git?: GitAuth;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const KNOWN = ['reconcileDelayMs', 'resyncIntervalMs', 'fetchCacheMs', 'git'];

/** Validates the settings; errors name the key (`argocd.reconciler.x`) and what it should be. */
export function parseReconcilerSettings(
  argocdConfig: Record<string, unknown>,
  instanceConfig: Record<string, unknown>,
  instance: string,
): ReconcilerSettings {
  const where =
    instanceConfig.reconciler !== undefined
      ? `argocd.instances.${instance}.reconciler`
      : 'argocd.reconciler';
  const raw = instanceConfig.reconciler ?? argocdConfig.reconciler ?? {};
  if (!isObject(raw)) throw new Error(`${where} must be a mapping`);
  for (const key of Object.keys(raw)) {
    if (!KNOWN.includes(key))
      throw new Error(
        `${where}.${key} is not a setting; use one of ${KNOWN.join(', ')}`,
      );
  }
  const num = (key: string, fallback: number) => {
    const v = raw[key];
    if (v === undefined) return fallback;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
      throw new Error(`${where}.${key} must be a number of milliseconds >= 0`);
    return v;
  };
  let git: GitAuth | undefined;
  if (raw.git !== undefined) {
    const g = raw.git;
    if (
      !isObject(g) ||
      typeof g.username !== 'string' ||
      typeof g.password !== 'string'
    ) {
      throw new Error(
        `${where}.git must be a mapping with username and password (a token works as the password)`,
      );
    }
    git = { username: g.username, password: g.password };
  }
  return {
    reconcileDelayMs: num('reconcileDelayMs', 2000),
    resyncIntervalMs: Math.max(100, num('resyncIntervalMs', 5000)),
    fetchCacheMs: num('fetchCacheMs', 1000),
    git,
  };
}
