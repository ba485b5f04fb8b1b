import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  TerraformDrift,
  TerraformStateLocation,
} from '@edp/plugin-terraform-common';
import {
  CONFIG_KEYS,
  inheritedEnvironment,
  Redactor,
  resolveBinary,
  TerraformCli,
  type ClusterConnection,
  type TerraformRunConfig,
} from '@edp/plugin-terraform-node';

/** Written into the copied module, as edp:terraform:run does for a module without a backend. */
const BACKEND_FILE = 'edp_state_backend.tf';

/** What one entity's check needs. */
export interface DriftCheckInput {
  location: TerraformStateLocation;
  /** Name in edp.terraform.modules (the entity's edp.io/terraform-module). */
  module: string | undefined;
  /** From the state Secret's labels. */
  workspace: string;
  secretSuffix: string;
  /** Non-sensitive variables of the last apply. */
  variables: Record<string, unknown>;
}

export interface DriftCheckDeps {
  config: TerraformRunConfig;
  cluster: ClusterConnection;
  logger: LoggerService;
  signal?: AbortSignal;
}

function encodeVariable(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * `plan -refresh-only -detailed-exitcode` against the state: Terraform reads every object back
 * and reports those changed outside it, proposing nothing and writing nothing. `-lock=false`, so a
 * check never makes an apply wait or fail on the lock (it writes nothing, so it needs none).
 * Never throws: a failure is the "error" result, with a message that carries no credentials.
 */
export async function checkDrift(
  input: DriftCheckInput,
  deps: DriftCheckDeps,
): Promise<TerraformDrift> {
  const checkedAt = () => new Date().toISOString();
  const redactor = new Redactor();
  redactor.add([deps.cluster.token]);
  let dir: string | undefined;
  try {
    const moduleDir = input.module && deps.config.modules[input.module];
    if (!moduleDir) {
      return {
        status: 'error',
        checkedAt: checkedAt(),
        message: input.module
          ? `The module "${input.module}" (edp.io/terraform-module) is not in ${CONFIG_KEYS.modules}, so its configuration cannot be planned.`
          : 'The entity has no edp.io/terraform-module annotation naming the module of the state.',
      };
    }
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edp-tf-drift-'));
    fs.cpSync(moduleDir, dir, {
      recursive: true,
      filter: source => !/(^|\/)(\.terraform|terraform\.tfstate)/.test(source),
    });
    fs.writeFileSync(
      path.join(dir, BACKEND_FILE),
      'terraform {\n  backend "kubernetes" {}\n}\n',
    );
    const env: NodeJS.ProcessEnv = {
      ...inheritedEnvironment(),
      KUBE_HOST: deps.cluster.url,
      KUBE_TOKEN: deps.cluster.token,
      TF_IN_AUTOMATION: '1',
      TF_INPUT: '0',
      ...(deps.cluster.skipTLSVerify ? { KUBE_INSECURE: 'true' } : {}),
      ...(deps.cluster.caData
        ? {
            KUBE_CLUSTER_CA_CERT_DATA: Buffer.from(
              deps.cluster.caData,
              'base64',
            ).toString('utf8'),
          }
        : {}),
      ...(input.workspace !== 'default'
        ? { TF_WORKSPACE: input.workspace }
        : {}),
    };
    for (const [name, value] of Object.entries(input.variables)) {
      const encoded = encodeVariable(value);
      if (encoded !== undefined) env[`TF_VAR_${name}`] = encoded;
    }
    const binary = await resolveBinary(deps.config, env);
    const cli = new TerraformCli({
      binary: binary.path,
      cli: deps.config.flavor,
      cwd: dir,
      env,
      logger: deps.logger,
      redactor,
      signal: deps.signal,
      gracePeriodMs: deps.config.cancelGracePeriodMs,
      workspace: input.workspace,
    });
    await cli.run(
      [
        'init',
        '-input=false',
        '-no-color',
        `-backend-config=secret_suffix=${input.secretSuffix}`,
        `-backend-config=namespace=${input.location.namespace}`,
      ],
      { quiet: true },
    );
    const plan = await cli.run(
      [
        'plan',
        '-refresh-only',
        '-detailed-exitcode',
        '-json',
        '-input=false',
        '-lock=false',
      ],
      { okExitCodes: [0, 2], quiet: true },
    );
    if (plan.exitCode === 2) {
      return {
        status: 'drifted',
        checkedAt: checkedAt(),
        resources: [...new Set(plan.drifted)],
      };
    }
    return { status: 'in-sync', checkedAt: checkedAt() };
  } catch (error) {
    return {
      status: 'error',
      checkedAt: checkedAt(),
      message: redactor.redact((error as Error).message),
    };
  } finally {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }
}
