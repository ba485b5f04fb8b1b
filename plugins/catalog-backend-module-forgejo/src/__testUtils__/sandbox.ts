import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import type { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import { ForgejoClient } from '@edp/plugin-forgejo-node';
import { forgejoIntegrationOf, startTestSandbox } from '@edp/sandbox';
import {
  readProviderConfigs,
  type ForgejoDiscoveryConfig,
} from '../providerConfig';

export type TestSandbox = Awaited<ReturnType<typeof startTestSandbox>>;

/** Backstage config with a token-only integration for the sandbox's Forgejo and the given providers. */
export function sandboxConfig(
  sandbox: TestSandbox,
  providers: Record<string, object> = {},
) {
  const integration = forgejoIntegrationOf(sandbox);
  return new ConfigReader({
    backend: { baseUrl: 'http://localhost:7007' },
    integrations: { gitea: [integration] },
    forgejo: { requestTimeoutMs: 2000 },
    catalog: {
      providers: {
        forgejo: Object.fromEntries(
          Object.entries(providers).map(([id, p]) => [
            id,
            { host: integration.host, ...p },
          ]),
        ),
      },
    },
  });
}

/** A client and the checked config of provider `id` from `sandboxConfig`. */
export function discoveryFor(config: ConfigReader, id: string) {
  const client = ForgejoClient.fromConfig(config);
  const discovery = readProviderConfigs(config, client.hosts.list()).find(
    d => d.id === id,
  ) as ForgejoDiscoveryConfig;
  return { client, discovery };
}

/** A catalog connection that records what the provider hands over. */
export function recordingConnection() {
  const applyMutation = jest.fn(async () => {});
  const connection: EntityProviderConnection = {
    applyMutation,
    refresh: jest.fn(async () => {}),
  };
  return { connection, applyMutation };
}

export const logger = () => mockServices.logger.mock();
