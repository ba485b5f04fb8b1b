import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { scaffolderModuleTerraform } from './module';

describe('scaffolderModuleTerraform', () => {
  it('registers edp:terraform:run, edp:terraform:module:fetch and its deprecated former id with the scaffolder', async () => {
    const addActions = jest.fn();
    const permissionsRegistry = mockServices.permissionsRegistry.mock();
    await startTestBackend({
      extensionPoints: [[scaffolderActionsExtensionPoint, { addActions }]],
      features: [
        scaffolderModuleTerraform,
        permissionsRegistry.factory,
        mockServices.rootConfig.factory({
          data: {
            edp: {
              terraform: { binary: 'terraform', cancelGracePeriodSeconds: 5 },
            },
          },
        }),
      ],
    });
    expect(addActions).toHaveBeenCalledTimes(1);
    const [action, fetchModule, formerFetchModule] = addActions.mock.calls[0];
    expect(fetchModule.id).toBe('edp:terraform:module:fetch');
    // The id before the rename still works for one release, as a deprecated alias.
    expect(formerFetchModule).toMatchObject({
      id: 'edp:terraform:fetchModule',
      description: expect.stringMatching(
        /^Deprecated: use edp:terraform:module:fetch\. /,
      ),
      schema: fetchModule.schema,
    });
    expect(action.id).toBe('edp:terraform:run');
    expect(action.supportsDryRun).toBe(true);
    expect(action.examples.length).toBeGreaterThan(0);
    expect(action.schema.input.required).toEqual(['operation']);
    expect(permissionsRegistry.addPermissions).toHaveBeenCalledWith([
      // No `action` attribute: a plan runs provider code, so it is not a read.
      expect.objectContaining({ name: 'terraform.run.plan', attributes: {} }),
      expect.objectContaining({
        name: 'terraform.run.apply',
        attributes: { action: 'update' },
      }),
      expect.objectContaining({
        name: 'terraform.run.destroy',
        attributes: { action: 'delete' },
      }),
    ]);
  });
});
