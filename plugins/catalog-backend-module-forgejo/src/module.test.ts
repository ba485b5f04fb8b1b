import { startTestBackend, mockServices } from '@backstage/backend-test-utils';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import type { EntityProvider } from '@backstage/plugin-catalog-node';
import { catalogModuleForgejoDiscovery } from './module';

describe('catalogModuleForgejoDiscovery', () => {
  it('registers one scheduled provider per catalog.providers.forgejo entry', async () => {
    const providers: EntityProvider[] = [];
    const scheduler = mockServices.scheduler.mock();
    await startTestBackend({
      extensionPoints: [
        [
          catalogProcessingExtensionPoint,
          {
            addEntityProvider: (p: EntityProvider | EntityProvider[]) =>
              providers.push(...[p].flat()),
          },
        ],
      ],
      features: [
        catalogModuleForgejoDiscovery,
        scheduler.factory,
        mockServices.rootConfig.factory({
          data: {
            integrations: {
              gitea: [
                { host: 'git-a.example.com', password: 'a' },
                { host: 'git-b.example.com', password: 'b' },
              ],
            },
            catalog: {
              providers: {
                forgejo: {
                  a: { host: 'git-a.example.com', organizations: ['platform'] },
                  b: {
                    host: 'git-b.example.com',
                    organizations: ['labs'],
                    schedule: {
                      frequency: { minutes: 5 },
                      timeout: { minutes: 1 },
                    },
                  },
                },
              },
            },
          },
        }),
      ],
    });
    expect(providers.map(p => p.getProviderName())).toEqual([
      'ForgejoEntityProvider:a',
      'ForgejoEntityProvider:b',
    ]);
    expect(scheduler.createScheduledTaskRunner).toHaveBeenCalledWith(
      expect.objectContaining({ frequency: { minutes: 5 } }),
    );
  });

  it('fails the backend start with the key to fix when a provider names an unknown host', async () => {
    await expect(
      startTestBackend({
        extensionPoints: [
          [catalogProcessingExtensionPoint, { addEntityProvider: () => {} }],
        ],
        features: [
          catalogModuleForgejoDiscovery,
          mockServices.rootConfig.factory({
            data: {
              catalog: {
                providers: {
                  forgejo: {
                    a: { host: 'nowhere.example.com', organizations: ['x'] },
                  },
                },
              },
            },
          }),
        ],
      }),
    ).rejects.toThrow(
      /catalog\.providers\.forgejo\.a\.host is "nowhere\.example\.com"/,
    );
  });
});
