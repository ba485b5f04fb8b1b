import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { scaffolderModuleStacks } from './module';

describe('scaffolderModuleStacks', () => {
  it('registers the five actions and their permissions', async () => {
    const actions: string[] = [];
    const registry = mockServices.permissionsRegistry.mock();
    await startTestBackend({
      extensionPoints: [
        [
          scaffolderActionsExtensionPoint,
          {
            addActions: (...added: Array<{ id: string }>) =>
              actions.push(...added.map(a => a.id)),
          },
        ],
      ],
      features: [scaffolderModuleStacks, registry.factory],
    });
    expect(actions.sort()).toEqual([
      'edp:argocd:application:create',
      'edp:argocd:application:wait',
      'edp:defaults:resolve',
      'edp:kubernetes:apply',
      'edp:stack:provision',
    ]);
    expect(registry.addPermissions).toHaveBeenCalledWith([
      ...[
        'edp.stack.provision',
        'edp.kubernetes.apply',
        'edp.kubernetes.apply.privileged',
        'edp.argocd.application.create',
      ].map(name =>
        expect.objectContaining({ name, attributes: { action: 'create' } }),
      ),
      // The wait reads Applications with the cluster's credentials: a read, so the EDP policy allows it.
      expect.objectContaining({
        name: 'edp.argocd.application.read',
        attributes: { action: 'read' },
      }),
    ]);
  });
});
