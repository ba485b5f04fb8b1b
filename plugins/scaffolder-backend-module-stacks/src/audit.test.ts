import { mockCredentials } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { permissionsAllowing } from './__testUtils__/permissions';
import { recordingAuditor } from './__testUtils__/recordingAuditor';
import { noUrlReader } from './__testUtils__/stacks';
import { createStackProvisionAction } from './actions/stackProvision';
import { withAudit } from './audit';

describe('withAudit around edp:stack:provision', () => {
  it.each([
    ['a dry run', true],
    ['a real run', false],
  ])(
    'records a refused %s of a user without edp.stack.provision with the initiator and the NotAllowedError',
    async (_name, dryRun) => {
      const { auditor, events } = recordingAuditor();
      const action = withAudit(
        createStackProvisionAction({
          config: new ConfigReader({}),
          urlReader: noUrlReader,
          permissions: permissionsAllowing(),
        }),
        auditor,
        {
          eventId: 'stack-provision',
          severityLevel: 'medium',
          meta: input => ({ stack: input.stack }),
        },
      );
      const ctx = createMockActionContext({
        input: {
          stack:
            'https://forgejo.example.com/platform/stacks/src/branch/main/ref-implementation',
          forgejoHost: 'forgejo.example.com',
          owner: 'platform',
        } as any,
      });
      ctx.getInitiatorCredentials = async () =>
        mockCredentials.user('user:default/alice');
      Object.assign(ctx, { isDryRun: dryRun });
      await expect(action.handler(ctx as any)).rejects.toMatchObject({
        name: 'NotAllowedError',
        message:
          'The user who started this task may not provision stacks (permission edp.stack.provision)',
      });
      expect(events).toEqual([
        {
          eventId: 'stack-provision',
          severityLevel: 'medium',
          meta: {
            initiator: 'user:default/alice',
            dryRun,
            stack:
              'https://forgejo.example.com/platform/stacks/src/branch/main/ref-implementation',
            taskId: 'mock-task-id',
            template: null,
          },
          outcome: 'fail',
          error: expect.stringMatching(/^NotAllowedError/),
        },
      ]);
      expect(ctx.output).not.toHaveBeenCalled();
    },
  );
});
