import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  catalogEntity,
  permissionsDenying,
} from '@edp/plugin-edp-cache-node/testUtils';
import type { JsonObject } from '@backstage/types';
import {
  createTerraformBackendPlugin,
  type TerraformBackendOverrides,
} from '../plugin';

export const TOKEN = 'sandbox-kube-token';
const REPO = path.resolve(__dirname, '../../../..');
export const STAND_IN = path.join(REPO, 'packages/sandbox/bin/terraform');
export const MODULES = path.join(REPO, 'packages/sandbox/modules');

/** A Resource as the terraform-run template registers it. */
export function resource(
  name: string,
  annotations: Record<string, string>,
): Entity {
  const spec = { type: 'terraform-module', owner: 'team' };
  return catalogEntity({ kind: 'Resource', name, annotations, spec });
}

/**
 * Applies a sample module with the kubernetes backend, as edp:terraform:run does, with the stand-in.
 * Asynchronous: the Kubernetes stand-in it talks to runs in this test's process.
 */
export async function applyModule(
  kubeApi: string,
  module: string,
  suffix: string,
  variables: Record<string, string>,
) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tf-backend-test-'));
  fs.cpSync(path.join(MODULES, module), dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'backend.tf'),
    'terraform {\n  backend "kubernetes" {}\n}\n',
  );
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    KUBE_HOST: kubeApi,
    KUBE_TOKEN: TOKEN,
    ...Object.fromEntries(
      Object.entries(variables).map(([k, v]) => [`TF_VAR_${k}`, v]),
    ),
  };
  for (const args of [
    ['init', '-input=false', `-backend-config=secret_suffix=${suffix}`],
    ['apply', '-auto-approve', '-input=false'],
  ]) {
    await promisify(execFile)(STAND_IN, args, { cwd: dir, env });
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

export interface TestBackendOptions {
  entities: Entity[];
  kubeApi: string;
  /** Decisions by permission name; ALLOW when absent. */
  deny?: string[];
  overrides?: TerraformBackendOverrides;
  extraConfig?: JsonObject;
  /** edp.terraform.driftCheck; default: disabled. */
  driftCheck?: JsonObject;
  extraFeatures?: any[];
}

/** The plugin in a test backend: the sandbox cluster in config, the stand-in as CLI. */
export async function startTerraformBackend(options: TestBackendOptions) {
  return startTestBackend({
    features: [
      createTerraformBackendPlugin(options.overrides),
      catalogServiceMock.factory({ entities: options.entities }),
      mockServices.rootConfig.factory({
        data: {
          kubernetes: {
            clusterLocatorMethods: [
              {
                type: 'config',
                clusters: [
                  {
                    name: 'sandbox',
                    url: options.kubeApi,
                    authProvider: 'serviceAccount',
                    serviceAccountToken: TOKEN,
                    skipTLSVerify: true,
                  },
                ],
              },
            ],
          },
          edp: {
            terraform: {
              binary: STAND_IN,
              modules: { 'pet-config': path.join(MODULES, 'pet-config') },
              stateBackend: { kubernetes: { cluster: 'sandbox' } },
              driftCheck: options.driftCheck ?? { enabled: false },
              cacheSeconds: 0,
            },
          },
          ...options.extraConfig,
        },
      }),
      permissionsDenying(options.deny).factory,
      ...(options.extraFeatures ?? []),
    ],
  });
}
