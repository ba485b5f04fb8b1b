import fs from 'node:fs/promises';
import path from 'node:path';
import { CONFIG_KEYS, type TerraformRunConfig } from '../config';
import { runProcess } from '../run/runProcess';
import { satisfiesVersion } from './versionConstraint';

/** The executable a run will use, checked against the config. @public */
export interface ResolvedBinary {
  path: string;
  version: string;
}

/** A configuration problem: the message names the config key to fix. @public */
export class TerraformConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TerraformConfigError';
  }
}

async function isExecutable(file: string): Promise<boolean> {
  try {
    const stat = await fs.stat(file);
    await fs.access(file, fs.constants.X_OK);
    return stat.isFile();
  } catch {
    return false;
  }
}

async function locate(binary: string): Promise<string | undefined> {
  if (binary.includes('/')) {
    const full = path.resolve(binary);
    return (await isExecutable(full)) ? full : undefined;
  }
  for (const dir of (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter(Boolean)) {
    const candidate = path.join(dir, binary);
    if (await isExecutable(candidate)) return candidate;
  }
  return undefined;
}

// `version -json` costs a process start; repeat it only when the file changes.
const versionCache = new Map<string, string>();

async function readVersion(
  file: string,
  env: NodeJS.ProcessEnv,
): Promise<string> {
  const stat = await fs.stat(file);
  const cacheKey = `${file}:${stat.mtimeMs}:${stat.size}`;
  const cached = versionCache.get(cacheKey);
  if (cached) return cached;
  const stderr: string[] = [];
  const result = await runProcess({
    command: file,
    args: ['version', '-json'],
    cwd: path.dirname(file),
    env,
    collectStdout: true,
    onLine: line => stderr.push(line),
    gracePeriodMs: 0,
  });
  let version: unknown;
  try {
    version = JSON.parse(result.stdout).terraform_version;
  } catch {
    version = undefined;
  }
  if (result.exitCode !== 0 || typeof version !== 'string') {
    throw new TerraformConfigError(
      `The executable at ${file} (${CONFIG_KEYS.binary}) did not answer \`version -json\` like terraform or tofu` +
        ` (exit code ${result.exitCode}${
          stderr.length ? `: ${stderr.slice(0, 3).join(' ')}` : ''
        }).`,
    );
  }
  versionCache.set(cacheKey, version);
  return version;
}

/** Finds the configured binary and checks its version; every failure names the config key. @public */
export async function resolveBinary(
  config: TerraformRunConfig,
  env: NodeJS.ProcessEnv,
): Promise<ResolvedBinary> {
  if (!config.binary) {
    throw new TerraformConfigError(
      `No ${config.flavor} binary is configured: set ${CONFIG_KEYS.binary} in app-config to the path of terraform or tofu.`,
    );
  }
  const file = await locate(config.binary);
  if (!file) {
    throw new TerraformConfigError(
      `The ${config.flavor} binary "${config.binary}" set in ${CONFIG_KEYS.binary} was not found or is not executable` +
        ` (relative paths are resolved from ${process.cwd()}, bare names on PATH).`,
    );
  }
  const version = await readVersion(file, env);
  if (config.requiredVersion) {
    let ok: boolean;
    try {
      ok = satisfiesVersion(version, config.requiredVersion);
    } catch (error) {
      throw new TerraformConfigError(
        `${CONFIG_KEYS.requiredVersion} is not a valid constraint: ${
          (error as Error).message
        }`,
      );
    }
    if (!ok) {
      throw new TerraformConfigError(
        `${file} is version ${version}, which does not satisfy ${CONFIG_KEYS.requiredVersion} "${config.requiredVersion}".`,
      );
    }
  }
  return { path: file, version };
}
