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
