/** The resource types the stand-in knows, and the provider addresses they imply. */
import { kubernetesConfigMap } from './kubernetesConfigMap';
import { localFile } from './localFile';
import { randomId, randomPet } from './random';
import { sandboxFail } from './sandboxFail';
import { terraformData } from './terraformData';
import { timeSleep } from './timeSleep';
import { type ResourceType } from './types';

export const RESOURCE_TYPES: Record<string, ResourceType> = {
  local_file: localFile,
  random_pet: randomPet,
  random_id: randomId,
  time_sleep: timeSleep,
  sandbox_fail: sandboxFail,
  terraform_data: terraformData,
  kubernetes_config_map_v1: kubernetesConfigMap,
};

/** Versions reported by `init` and `version -json` for each provider. */
export const PROVIDER_VERSIONS: Record<string, string> = {
  local: '2.5.2',
  random: '3.6.3',
  time: '0.12.1',
  sandbox: '0.1.0',
  kubernetes: '2.35.1',
};

/** The full provider source address, e.g. registry.terraform.io/hashicorp/random. */
export function providerSource(provider: string, registryHost: string): string {
  if (provider === 'terraform') return 'terraform.io/builtin/terraform';
  return `${registryHost}/${
    provider === 'sandbox' ? 'edp' : 'hashicorp'
  }/${provider}`;
}
