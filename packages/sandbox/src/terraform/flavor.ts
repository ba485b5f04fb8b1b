/** Names and versions that differ between the `terraform` and `tofu` executables. */

export interface Flavor {
  /** The command name users type. */
  command: 'terraform' | 'tofu';
  /** The product name in messages ("Terraform", "OpenTofu"). */
  product: string;
  version: string;
  registryHost: string;
}

export const TERRAFORM: Flavor = {
  command: 'terraform',
  product: 'Terraform',
  version: '1.9.8',
  registryHost: 'registry.terraform.io',
};

export const TOFU: Flavor = {
  command: 'tofu',
  product: 'OpenTofu',
  version: '1.8.5',
  registryHost: 'registry.opentofu.org',
};

/** Terraform's platform string, e.g. linux_amd64. */
export function platform(): string {
  const arch: Record<string, string> = {
    x64: 'amd64',
    arm64: 'arm64',
    ia32: '386',
    arm: 'arm',
  };
  return `${process.platform === 'win32' ? 'windows' : process.platform}_${
    arch[process.arch] ?? process.arch
  }`;
}
