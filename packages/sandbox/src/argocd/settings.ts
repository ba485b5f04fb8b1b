import fs from 'node:fs';
import path from 'node:path';
import type { Account, Role, StaticToken } from './auth';
import type { Application } from './types';

/** The shipped seeds: packages/sandbox/seeds/argocd/<instance>.yaml and revisions.yaml. */
// The sandbox runs from source (never bundled), so the seeds sit at a fixed place beside src/.
// eslint-disable-next-line no-restricted-syntax
export const DEFAULT_SEED_DIR = path.resolve(
  __dirname,
  '..',
  '..',
  'seeds',
  'argocd',
);

export interface ArgoCdInstanceSettings {
  name: string;
  /** The sandbox port name: `argocd-<name>`. */
  portName: string;
  store: string;
  accounts: Account[];
  tokens: StaticToken[];
  /** Seed files (absolute) whose applications this instance starts with. */
  seedFiles: string[];
  /** Applications given inline in the config, added after the seed files. */
  applications: Application[];
  /**
   * Git credentials for repositories not registered with their own (`reconciler.git` of the
   * instance or of `argocd:`), used to test that a source repository is reachable.
   */
  git?: { username: string; password: string };
  raw: Record<string, unknown>;
}

export interface ArgoCdSettings {
  store: string;
  sessionTtlMs: number;
  /** How long a sync operation stays Running in the simulated controller. */
  syncDurationMs: number;
  /** How long a `refresh` request waits for the controller to take the refresh annotation off. */
  refreshWaitMs: number;
  version: string;
  seedDir: string;
  /** Line seeded revisions up with the Forgejo stand-in's commits when it runs (see forgejoAlignment.ts). */
  alignWithForgejo: boolean;
  /** Token for reading commits from the Forgejo stand-in. */
  forgejoToken: string;
  instances: ArgoCdInstanceSettings[];
}

/** The sandbox's own instances and credentials, used when the config names none. */
const DEFAULT_INSTANCES: Record<string, unknown> = {
  alpha: {
    users: [
      { username: 'admin', password: 'sandbox-argocd-password' },
      {
        username: 'viewer',
        password: 'sandbox-argocd-viewer-password',
        role: 'readonly',
      },
    ],
  },
  beta: {
    tokens: [{ token: 'sandbox-argocd-token-beta', username: 'edp-bot' }],
  },
  gamma: {
    users: [{ username: 'admin', password: 'sandbox-argocd-password' }],
  },
};

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

class SettingError extends Error {
  constructor(key: string, message: string) {
    super(`sandbox config argocd.${key} ${message}`);
  }
}

function str(
  obj: Record<string, unknown>,
  key: string,
  where: string,
  fallback?: string,
): string {
  const v = obj[key];
  if (v === undefined && fallback !== undefined) return fallback;
  if (typeof v !== 'string' || v === '')
    throw new SettingError(`${where}.${key}`, 'must be a non-empty string');
  return v;
}

function num(
  obj: Record<string, unknown>,
  key: string,
  fallback: number,
): number {
  const v = obj[key];
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
    throw new SettingError(
      key,
      `must be a number >= 0, got ${JSON.stringify(v)}`,
    );
  return v;
}

function principal(obj: Record<string, unknown>, where: string) {
  const role = (obj.role ?? 'admin') as Role;
  if (role !== 'admin' && role !== 'readonly')
    throw new SettingError(`${where}.role`, 'must be admin or readonly');
  const projects = obj.projects;
  if (
    projects !== undefined &&
    (!Array.isArray(projects) || projects.some(p => typeof p !== 'string'))
  ) {
    throw new SettingError(
      `${where}.projects`,
      'must be a list of project names',
    );
  }
  return { role, projects: projects as string[] | undefined };
}

function list(value: unknown, where: string): unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new SettingError(where, 'must be a list');
  return value;
}

/** `reconciler.git` of the instance, else of the whole section (validated by the reconciler's settings). */
function gitCredentials(
  instance: Record<string, unknown>,
  config: Record<string, unknown>,
) {
  for (const section of [instance.reconciler, config.reconciler]) {
    const git = isObject(section) ? section.git : undefined;
    if (
      isObject(git) &&
      typeof git.username === 'string' &&
      typeof git.password === 'string'
    )
      return { username: git.username, password: git.password };
  }
  return undefined;
}

function instanceSettings(
  name: string,
  raw: unknown,
  seedDir: string,
  defaultStore: string,
  config: Record<string, unknown>,
): ArgoCdInstanceSettings {
  const where = `instances.${name}`;
  if (!/^[a-z0-9-]+$/.test(name))
    throw new SettingError(
      where,
      'must be named with lower-case letters, digits and dashes',
    );
  const obj = raw === null || raw === undefined ? {} : raw;
  if (!isObject(obj)) throw new SettingError(where, 'must be a mapping');
  const accounts = list(obj.users, `${where}.users`).map((u, i) => {
    const w = `${where}.users[${i}]`;
    if (!isObject(u))
      throw new SettingError(w, 'must be a mapping with username and password');
    return {
      username: str(u, 'username', w),
      password: str(u, 'password', w),
      ...principal(u, w),
    };
  });
  const tokens = list(obj.tokens, `${where}.tokens`).map((t, i) => {
    const w = `${where}.tokens[${i}]`;
    const entry = typeof t === 'string' ? { token: t } : t;
    if (!isObject(entry))
      throw new SettingError(
        w,
        'must be a token string or a mapping with token',
      );
    return {
      token: str(entry, 'token', w),
      username: str(entry, 'username', w, 'api-token'),
      ...principal(entry, w),
    };
  });
  let seedNames: unknown[] = [name];
  if (typeof obj.seed === 'string') seedNames = [obj.seed];
  else if (obj.seed !== undefined) seedNames = list(obj.seed, `${where}.seed`);
  const seedFiles = seedNames.map((s, i) => {
    if (typeof s !== 'string')
      throw new SettingError(
        `${where}.seed[${i}]`,
        'must be a seed name or file path',
      );
    const file = path.isAbsolute(s)
      ? s
      : path.join(seedDir, s.endsWith('.yaml') ? s : `${s}.yaml`);
    if (!fs.existsSync(file)) {
      // An unnamed seed is optional (extra benchmark instances start empty); a named one must exist.
      if (obj.seed === undefined) return undefined;
      throw new SettingError(
        `${where}.seed`,
        `names ${file}, which does not exist`,
      );
    }
    return file;
  });
  const applications = list(
    obj.applications,
    `${where}.applications`,
  ) as Application[];
  return {
    name,
    portName: `argocd-${name}`,
    store: obj.store === undefined ? defaultStore : str(obj, 'store', where),
    accounts,
    tokens,
    seedFiles: seedFiles.filter((f): f is string => !!f),
    applications,
    git: gitCredentials(obj, config),
    raw: obj,
  };
}

/** Validates the `argocd:` section of the sandbox config; errors name the key and what it needs. */
export function parseArgoCdSettings(
  config: Record<string, unknown>,
): ArgoCdSettings {
  const seedDir =
    config.seedDir === undefined
      ? DEFAULT_SEED_DIR
      : path.resolve(str(config, 'seedDir', '(root)'));
  const store =
    config.store === undefined ? 'memory' : str(config, 'store', '(root)');
  const rawInstances = config.instances ?? DEFAULT_INSTANCES;
  if (!isObject(rawInstances) || Object.keys(rawInstances).length === 0) {
    throw new SettingError(
      'instances',
      'must map instance names (alpha, beta, ...) to their settings',
    );
  }
  return {
    store,
    sessionTtlMs: num(config, 'sessionTtlSeconds', 24 * 3600) * 1000,
    syncDurationMs: num(config, 'syncDurationMs', 1500),
    refreshWaitMs: num(config, 'refreshWaitMs', 5000),
    version:
      config.version === undefined
        ? 'v3.1.8+sandbox'
        : str(config, 'version', '(root)'),
    seedDir,
    alignWithForgejo:
      config.alignWithForgejo === undefined
        ? true
        : config.alignWithForgejo === true,
    forgejoToken:
      config.forgejoToken === undefined
        ? 'sandbox-forgejo-token'
        : str(config, 'forgejoToken', '(root)'),
    instances: Object.entries(rawInstances).map(([name, raw]) =>
      instanceSettings(name, raw, seedDir, store, config),
    ),
  };
}
