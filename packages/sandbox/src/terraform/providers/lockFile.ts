/** The dependency lock file (.terraform.lock.hcl) that `init` writes and plan/apply check. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { TfError } from '../diagnostics';
import type { ModuleConfig } from '../module/config';
import { PROVIDER_VERSIONS, RESOURCE_TYPES, providerSource } from './index';

export const LOCK_FILE = '.terraform.lock.hcl';

/** Provider short names the configuration needs (from its resource types). */
export function requiredProviders(config: ModuleConfig): string[] {
  const names = new Set<string>();
  for (const r of config.resources.values()) {
    const p = RESOURCE_TYPES[r.type]?.provider;
    if (p && p !== 'terraform') names.add(p);
  }
  return [...names].sort();
}

export function writeLockFile(
  cwd: string,
  providers: string[],
  registryHost: string,
  command = 'terraform',
) {
  const blocks = providers.map(p => {
    const v = PROVIDER_VERSIONS[p];
    const hash = crypto
      .createHash('sha256')
      .update(`${p}@${v}`)
      .digest('base64');
    return `provider "${providerSource(
      p,
      registryHost,
    )}" {\n  version = "${v}"\n  hashes = [\n    "h1:${hash}",\n  ]\n}\n`;
  });
  const text = `# This file is maintained automatically by "${command} init".\n# Manual edits may be lost in future updates.\n\n${blocks.join(
    '\n',
  )}`;
  fs.writeFileSync(path.join(cwd, LOCK_FILE), text);
}

/** Provider source → version, from the lock file. */
export function readLockFile(cwd: string): Record<string, string> {
  const file = path.join(cwd, LOCK_FILE);
  if (!fs.existsSync(file)) return {};
  const text = fs.readFileSync(file, 'utf8');
  const out: Record<string, string> = {};
  for (const m of text.matchAll(
    /provider "([^"]+)" \{\s*version\s*=\s*"([^"]+)"/g,
  ))
    out[m[1]] = m[2];
  return out;
}

/** Fails like Terraform when a needed provider was not installed by `init`. */
export function checkInitialized(
  cwd: string,
  dataDirExists: boolean,
  config: ModuleConfig,
  registryHost: string,
  command: string,
) {
  const needed = requiredProviders(config);
  if (!needed.length) return;
  const locked = readLockFile(cwd);
  const missing = needed
    .map(p => providerSource(p, registryHost))
    .filter(s => !(s in locked));
  if (!missing.length && dataDirExists) return;
  if (!dataDirExists && !missing.length) {
    throw new TfError(
      'Required plugins are not installed',
      `The installed provider plugins are not consistent with the packages selected in the dependency lock file. Run "${command} init" to install them.`,
    );
  }
  throw new TfError(
    'Inconsistent dependency lock file',
    `The following dependency selections recorded in the lock file are inconsistent with the current configuration:\n${missing
      .map(
        m =>
          `  - provider ${m}: required by this configuration but no version is selected`,
      )
      .join(
        '\n',
      )}\n\nTo make the initial dependency selections that will initialize the dependency lock file, run:\n  ${command} init`,
  );
}
