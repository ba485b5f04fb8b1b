import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { scaffolderModuleForgejo } from './module';

describe('scaffolderModuleForgejo', () => {
  it('registers publish:forgejo with the scaffolder', async () => {
    const addActions = jest.fn();
    await startTestBackend({
      extensionPoints: [[scaffolderActionsExtensionPoint, { addActions }]],
      features: [
        scaffolderModuleForgejo,
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
  });
});
