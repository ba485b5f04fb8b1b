import fs from 'node:fs';
import path from 'node:path';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { INHERITED_ENV } from '@edp/plugin-terraform-node';

export type Operation = 'plan' | 'apply' | 'destroy';
export const OPERATIONS: Operation[] = ['plan', 'apply', 'destroy'];

/** The action input, as the template gives it (checked here, not trusted). */
export interface RunInput {
  workingDirectory?: string;
  operation: string;
  variables?: Record<string, unknown>;
  varFiles?: string[];
  backendConfig?: Record<string, string | number | boolean>;
  workspace?: string;
  env?: Record<string, string>;
  secretEnv?: Record<string, string>;
  lockTimeout?: string;
  parallelism?: number;
  approvedPlanDigest?: string;
  ephemeralState?: boolean;
  stateKey?: string;
}

/** Everything a run needs, validated: paths inside the workspace, env built, flags fixed. */
export interface PreparedRun {
  operation: Operation;
  cwd: string;
  /** workingDirectory as given (for messages and checkpoint keys). */
  relativeDir: string;
  workspace?: string;
  env: NodeJS.ProcessEnv;
  initArgs: string[];
  /** -var-file, -lock-timeout, -parallelism for plan. */
  planArgs: string[];
  /** -lock-timeout, -parallelism for apply. */
  applyArgs: string[];
  /** Values that must never be logged: secretEnv values. */
  secretValues: string[];
  /** Variable values as passed, by name, to redact the sensitive ones. */
  variables: Record<string, unknown>;
  approvedPlanDigest?: string;
  /** The template accepted a state that ends with the task. */
  ephemeralState: boolean;
  backendConfig: Record<string, string | number | boolean>;
}

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const WORKSPACE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,89}$/;
const LOCK_TIMEOUT = /^\d+(ms|s|m|h)$/;
/**
 * Linux refuses to start a process with one environment string over 128 KiB (E2BIG), and
 * variables travel as TF_VAR_* strings; the whole environment stays well under ARG_MAX.
 */
const MAX_VARIABLE_BYTES = 100 * 1024;
const MAX_VARIABLES_BYTES = 1024 * 1024;
/** backendConfig keys that name files on the host running Terraform. */
const PATH_KEY =
  /(^path$|_path$|_paths$|_file$|_files$|_dir$|^credentials$|^kubeconfig$)/;

/**
 * Names a template may not set: they would add CLI flags (TF_CLI_ARGS*), swap the CLI config
 * or plugins, move state, or change what runs (PATH, loader and Node variables).
 */
function refusedEnvName(name: string): boolean {
  if (/^(TF_VAR_|TF_TOKEN_)/.test(name)) return false;
  return (
    /^(TF_|TOFU_|LD_|DYLD_|NODE_)/.test(name) ||
    [
      'PATH',
      'HOME',
      'BASH_ENV',
      'ENV',
      'SHELL',
      'TERRAFORM_CONFIG',
      // The kubernetes backend and provider would use the portal host's service account.
      'KUBE_IN_CLUSTER_CONFIG',
    ].includes(name)
  );
}

function safePath(workspacePath: string, field: string, value: string): string {
  try {
    return resolveSafeChildPath(workspacePath, value);
  } catch {
    throw new InputError(
      `${field} "${value}" points outside the task workspace; use a path relative to the workspace, without "..".`,
    );
  }
}

/** A path given as a value must stay inside the task workspace, like every path input. */
function confinedPath(
  workspacePath: string,
  cwd: string,
  field: string,
  value: string,
): string {
  const expanded = value.startsWith('~') ? `/${value}` : value; // "~" would be the backend's home
  try {
    return resolveSafeChildPath(workspacePath, path.resolve(cwd, expanded));
  } catch {
    throw new InputError(
      `${field} "${value}" points outside the task workspace: files on the backend host are not available to templates. Use a path inside the workspace, or a remote backend.`,
    );
  }
}

function variableValue(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  return JSON.stringify(value); // Terraform reads lists, maps and objects from TF_VAR_* as JSON/HCL.
}

function checkEnvName(field: string, name: string) {
  if (!ENV_NAME.test(name)) {
    throw new InputError(
      `${field}.${name} is not a valid environment variable name (letters, digits and _).`,
    );
  }
  if (refusedEnvName(name)) {
    throw new InputError(
      `${field}.${name} is not allowed: it would change how the CLI runs. Use the action's inputs (variables, backendConfig, workspace) instead.`,
    );
  }
}

function durationArg(input: RunInput): string[] {
  if (input.lockTimeout === undefined) return [];
  if (!LOCK_TIMEOUT.test(input.lockTimeout)) {
    throw new InputError(
      `lockTimeout "${input.lockTimeout}" must be a duration like "30s", "500ms" or "5m".`,
    );
  }
  return [`-lock-timeout=${input.lockTimeout}`];
}

function parallelismArg(input: RunInput): string[] {
  if (input.parallelism === undefined) return [];
  const p = input.parallelism;
  if (!Number.isInteger(p) || p < 1 || p > 256) {
    throw new InputError(
      `parallelism must be a whole number from 1 to 256, got ${p}.`,
    );
  }
  return [`-parallelism=${p}`];
}

export function prepareRun(
  input: RunInput,
  context: { workspacePath: string; secrets?: Record<string, string> },
): PreparedRun {
  const operation = input.operation as Operation;
  if (!OPERATIONS.includes(operation)) {
    throw new InputError(
      `operation must be one of ${OPERATIONS.join(', ')}; got "${
        input.operation
      }".`,
    );
  }
  const relativeDir = input.workingDirectory ?? '.';
  const cwd = safePath(context.workspacePath, 'workingDirectory', relativeDir);
  if (!fs.existsSync(cwd) || !fs.statSync(cwd).isDirectory()) {
    throw new InputError(
      `workingDirectory "${relativeDir}" is not a folder in the task workspace; fetch the module there first.`,
    );
  }

  const env: NodeJS.ProcessEnv = {};
  for (const name of INHERITED_ENV) {
    if (process.env[name] !== undefined) env[name] = process.env[name];
  }
  for (const [name, value] of Object.entries(input.env ?? {})) {
    checkEnvName('env', name);
    const text = String(value);
    // Values like KUBECONFIG=$HOME/.kube/config would hand the backend host's files to providers.
    env[name] = /^[/~]/.test(text)
      ? confinedPath(context.workspacePath, cwd, `env.${name}`, text)
      : text;
  }
  const secretValues: string[] = [];
  for (const [name, key] of Object.entries(input.secretEnv ?? {})) {
    checkEnvName('secretEnv', name);
    const value = context.secrets?.[key];
    if (value === undefined) {
      throw new InputError(
        `secretEnv.${name} refers to the secret "${key}", which this task was not given.`,
      );
    }
    env[name] = value;
    secretValues.push(value);
  }
  const variables = input.variables ?? {};
  let variablesBytes = 0;
  for (const [name, value] of Object.entries(variables)) {
    if (!VARIABLE_NAME.test(name)) {
      throw new InputError(
        `variables.${name} is not a valid Terraform variable name: start with a letter or _, then letters, digits, _ or -.`,
      );
    }
    const encoded = variableValue(value);
    if (encoded === undefined) continue;
    const bytes = Buffer.byteLength(encoded);
    if (bytes > MAX_VARIABLE_BYTES) {
      throw new InputError(
        `variables.${name} is ${Math.ceil(
          bytes / 1024,
        )} KiB; a variable may be at most ${
          MAX_VARIABLE_BYTES / 1024
        } KiB. Put large values in a file in the workspace and pass it with varFiles.`,
      );
    }
    variablesBytes += bytes;
    env[`TF_VAR_${name}`] = encoded;
  }
  if (variablesBytes > MAX_VARIABLES_BYTES) {
    throw new InputError(
      `variables add up to ${Math.ceil(
        variablesBytes / 1024,
      )} KiB; together they may be at most ${
        MAX_VARIABLES_BYTES / 1024
      } KiB. Put large values in a file in the workspace and pass it with varFiles.`,
    );
  }
  if (input.workspace !== undefined) {
    if (!WORKSPACE_NAME.test(input.workspace)) {
      throw new InputError(
        `workspace "${input.workspace}" is not a valid workspace name (letters, digits, ".", "_", "-").`,
      );
    }
    env.TF_WORKSPACE = input.workspace;
  }
  env.TF_IN_AUTOMATION = '1';
  env.TF_INPUT = '0';

  const initArgs: string[] = [];
  for (const [key, value] of Object.entries(input.backendConfig ?? {})) {
    if (
      !VARIABLE_NAME.test(key) ||
      !['string', 'number', 'boolean'].includes(typeof value)
    ) {
      throw new InputError(
        `backendConfig.${key} must be an attribute name with a string, number or boolean value.`,
      );
    }
    if (key === 'in_cluster_config' || key === 'use_msi' || key === 'use_cli') {
      throw new InputError(
        `backendConfig.${key} is not allowed: it would use the credentials of the portal's own host. Pass credentials with secretEnv.`,
      );
    }
    const text = PATH_KEY.test(key)
      ? confinedPath(
          context.workspacePath,
          cwd,
          `backendConfig.${key}`,
          String(value),
        )
      : value;
    initArgs.push(`-backend-config=${key}=${text}`);
  }
  const varFileArgs = (input.varFiles ?? []).map((file, i) => {
    const full = safePath(context.workspacePath, `varFiles[${i}]`, file);
    if (!fs.existsSync(full) || !fs.statSync(full).isFile()) {
      throw new InputError(
        `varFiles[${i}] "${file}" is not a file in the task workspace.`,
      );
    }
    return `-var-file=${full}`;
  });
  const tuning = [...durationArg(input), ...parallelismArg(input)];
  if (
    input.approvedPlanDigest &&
    !/^[a-f0-9]{8,64}$/.test(input.approvedPlanDigest)
  ) {
    throw new InputError(
      'approvedPlanDigest must be the planDigest output of a plan (hexadecimal).',
    );
  }

  return {
    operation,
    cwd,
    relativeDir,
    workspace: input.workspace,
    env,
    initArgs,
    planArgs: [...varFileArgs, ...tuning],
    applyArgs: tuning,
    secretValues,
    variables,
    approvedPlanDigest: input.approvedPlanDigest || undefined,
    ephemeralState: input.ephemeralState === true,
    backendConfig: input.backendConfig ?? {},
  };
}
