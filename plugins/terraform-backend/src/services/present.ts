import type {
  TerraformOutput,
  TerraformResource,
} from '@edp/plugin-terraform-common';
import type { TerraformStateFile } from '@edp/plugin-terraform-node';
import type { JsonValue } from '@backstage/types';

/** `provider["registry.terraform.io/hashicorp/random"]` → `registry.terraform.io/hashicorp/random`. */
export function providerSource(provider: string): string {
  const match = /provider\["([^"]+)"\]/.exec(provider);
  return match ? match[1] : provider;
}

/** Outputs by name; a sensitive one carries no value, so it never leaves the backend. */
export function presentOutputs(state: TerraformStateFile): TerraformOutput[] {
  return Object.entries(state.outputs ?? {})
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, output]) =>
      output.sensitive
        ? { name, sensitive: true }
        : { name, sensitive: false, value: output.value as JsonValue },
    );
}

/** Managed resources (data sources are reads, not infrastructure), in state order. */
export function presentResources(
  state: TerraformStateFile,
): TerraformResource[] {
  return (state.resources ?? [])
    .filter(r => r.mode === 'managed')
    .map(r => ({
      address: `${r.module ? `${r.module}.` : ''}${r.type}.${r.name}`,
      type: r.type,
      name: r.name,
      provider: providerSource(r.provider),
      instances: r.instances?.length ?? 0,
    }));
}
