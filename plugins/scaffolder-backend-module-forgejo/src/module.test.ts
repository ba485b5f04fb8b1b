import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { scaffolderModuleForgejo } from './module';

describe('scaffolderModuleForgejo', () => {
  it('registers publish:forgejo with the scaffolder and its permission', async () => {
    const addActions = jest.fn();
    const registry = mockServices.permissionsRegistry.mock();
    await startTestBackend({
      extensionPoints: [[scaffolderActionsExtensionPoint, { addActions }]],
      features: [
        scaffolderModuleForgejo,
        registry.factory,
        mockServices.rootConfig.factory({
          data: {
            integrations: {
              gitea: [{ host: 'forgejo.example.com', password: 'token' }],
            },
          },
        }),
      ],
    });
    expect(
      addActions.mock.calls.flat().map((a: { id: string }) => a.id),
    ).toEqual(['publish:forgejo']);
    expect(registry.addPermissions).toHaveBeenCalledWith([
      expect.objectContaining({
        name: 'forgejo.repository.publish',
        attributes: { action: 'create' },
      }),
    ]);
  });
});
