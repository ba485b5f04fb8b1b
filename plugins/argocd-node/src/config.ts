import type { Config } from '@backstage/config';
import { cacheStoreIsShared } from '@edp/plugin-edp-cache-node';

/** How the backend authenticates to one instance. @public */
export type ArgoCDInstanceAuth =
  | { type: 'token'; token: string }
  | { type: 'session'; username: string; password: string };

/** One configured ArgoCD instance. @public */
export interface ArgoCDInstanceConfig {
  name: string;
  /** API base URL, without a trailing slash. */
  url: string;
  /** UI base URL, without a trailing slash (defaults to `url`). */
  uiUrl: string;
  timeoutMs: number;
  auth: ArgoCDInstanceAuth;
  /** The config key of this instance, for error messages. */
  configKey: string;
}

/** Cache timing read from `argocd.cacheTtlSeconds` and `argocd.staleSeconds`. @public */
export interface ArgoCDCacheSettings {
  ttlMs: number;
  staleMs: number;
  /** Whether other replicas share the cache store (`backend.cache.store`); default true. */
  sharedStore?: boolean;
}

/** A config mistake; the message names the key and the fix. @public */
export class ArgoCDConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArgoCDConfigError';
  }
}

const DEFAULT_TIMEOUT_MS = 10_000;

const trimSlash = (url: string) => url.replace(/\/+$/, '');

function readUrl(config: Config, key: string, where: string): string {
  const value = config.getString(key);
  try {
    const parsed = new URL(value);
    if (!['http:', 'https:'].includes(parsed.protocol))
      throw new Error('protocol');
  } catch {
    throw new ArgoCDConfigError(
      `${where}.${key} must be an http(s) URL such as https://argocd.example.com, got "${value}"`,
    );
  }
  return trimSlash(value);
}

/**
 * Reads `argocd.appLocatorMethods[].instances[]`, the format shared with the Roadie and community plugins.
 * Credentials are never defaulted: an instance with neither `token` nor `username`/`password`
 * (here or at `argocd.username`/`argocd.password`) is an error naming the key to set.
 * @public
 */
export function readArgoCDInstances(
  rootConfig: Config,
): ArgoCDInstanceConfig[] {
  const argocd = rootConfig.getOptionalConfig('argocd');
  if (!argocd) return [];
  const sharedUser = argocd.getOptionalString('username');
  const sharedPassword = argocd.getOptionalString('password');
  const instances: ArgoCDInstanceConfig[] = [];
  const methods = argocd.getOptionalConfigArray('appLocatorMethods') ?? [];
  methods.forEach((method, m) => {
    const methodKey = `argocd.appLocatorMethods[${m}]`;
    const type = method.getOptionalString('type') ?? 'config';
    if (type !== 'config') {
      throw new ArgoCDConfigError(
        `${methodKey}.type "${type}" is not supported; use "config"`,
      );
    }
    method.getConfigArray('instances').forEach((instance, i) => {
      const where = `${methodKey}.instances[${i}]`;
      const name = instance.getString('name');
      if (instances.some(other => other.name === name)) {
        throw new ArgoCDConfigError(
          `${where}.name "${name}" is used by two instances; names must be unique`,
        );
      }
      const url = readUrl(instance, 'url', where);
      const uiUrl = instance.has('uiUrl')
        ? readUrl(instance, 'uiUrl', where)
        : url;
      const timeoutMs =
        instance.getOptionalNumber('timeoutMs') ?? DEFAULT_TIMEOUT_MS;
      if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
        throw new ArgoCDConfigError(
          `${where}.timeoutMs must be a positive number of milliseconds`,
        );
      }
      const token = instance.getOptionalString('token');
      const username = instance.getOptionalString('username') ?? sharedUser;
      const password = instance.getOptionalString('password') ?? sharedPassword;
      let auth: ArgoCDInstanceAuth;
      if (token) {
        auth = { type: 'token', token };
      } else if (username && password) {
        auth = { type: 'session', username, password };
      } else {
        const partial =
          username || password
            ? ` (only ${username ? 'username' : 'password'} is set)`
            : '';
        throw new ArgoCDConfigError(
          `ArgoCD instance "${name}" has no credentials: set ${where}.token, or ${where}.username and ${where}.password${partial}`,
        );
      }
      instances.push({ name, url, uiUrl, timeoutMs, auth, configKey: where });
    });
  });
  return instances;
}

/** Reads the cache timing, with defaults suited to cards polled every 30 s. @public */
export function readArgoCDCacheSettings(
  rootConfig: Config,
): ArgoCDCacheSettings {
  const ttl = rootConfig.getOptionalNumber('argocd.cacheTtlSeconds') ?? 15;
  const stale = rootConfig.getOptionalNumber('argocd.staleSeconds') ?? 120;
  if (ttl < 0 || stale < 0) {
    throw new ArgoCDConfigError(
      'argocd.cacheTtlSeconds and argocd.staleSeconds must not be negative',
    );
  }
  return {
    ttlMs: ttl * 1000,
    staleMs: stale * 1000,
    sharedStore: cacheStoreIsShared(rootConfig),
  };
}
