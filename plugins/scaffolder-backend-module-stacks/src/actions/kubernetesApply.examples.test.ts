import yaml from 'yaml';
import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { startTestSandbox } from '@edp/sandbox';
import {
  sandboxConfig,
  TestSandbox,
  stopSandbox,
} from '../__testUtils__/sandbox';
import { asPrivilegedUser } from '../__testUtils__/permissions';
import { createKubernetesApplyAction } from './kubernetesApply';
import { examples } from './kubernetesApply.examples';

// Real stand-ins (git processes included) on a shared two-core machine: allow for slow moments.
jest.setTimeout(30_000);

describe('edp:kubernetes:apply examples', () => {
  let sandbox: TestSandbox;
  const workspace = createMockDirectory();

  beforeAll(async () => {
    sandbox = await startTestSandbox(['kubernetes'], {
      services_config: { kubernetes: { workloadDelayMs: 20 } },
    } as any);
  }, 60_000);
  afterAll(() => stopSandbox(sandbox));

  it.each(examples.map((e, i) => [i, e.description]))(
    'example %i: %s',
    async i => {
      workspace.setContent({
        'manifests/app.yaml':
          'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: rendered\n  namespace: default\ndata:\n  a: b\n',
      });
      const action = createKubernetesApplyAction(
        asPrivilegedUser(sandboxConfig(sandbox)),
      );
      const input = yaml.parse(examples[i].example).steps[0].input;
      const ctx = createMockActionContext({
        input,
        workspacePath: workspace.path,
        logger: mockServices.logger.mock() as any,
      });
      await action.handler(ctx as any);
      const applied = (ctx.output as jest.Mock).mock.calls.find(
        c => c[0] === 'applied',
      )[1];
      expect(applied.length).toBeGreaterThan(0);
      expect(
        applied.every((a: any) => ['created', 'configured'].includes(a.action)),
      ).toBe(true);
    },
  );
});
