import { startSandbox, type Sandbox } from './host/sandbox';
import type { SandboxConfig } from './host/config';
import { builtInStandIns } from './registry';

/**
 * Starts the named stand-ins on free ports for a test, with a fresh state folder.
 * Call `stop()` in afterAll.
 */
export function startTestSandbox(
  services: string[],
  config: Partial<Omit<SandboxConfig, 'services'>> = {},
): Promise<Sandbox> {
  return startSandbox({
    standIns: builtInStandIns(),
    config: { ...config, services, ports: config.ports ?? {} },
  });
}

/** The seeded `edp-bot` token (seeds/forgejo/accounts.yaml); it exists only inside the sandbox. */
export const SANDBOX_FORGEJO_TOKEN = 'sandbox-forgejo-token';

/**
 * A token-only `integrations.gitea` entry for a running sandbox's Forgejo, as
 * app-config.sandbox.yaml has it, for tests and benchmarks that configure Backstage against it.
 */
export function forgejoIntegrationOf(sandbox: Sandbox): {
  host: string;
  baseUrl: string;
  password: string;
} {
  const baseUrl = sandbox.endpoints.forgejo.api;
  return {
    host: new URL(baseUrl).host,
    baseUrl,
    password: SANDBOX_FORGEJO_TOKEN,
  };
}
