import yaml from 'yaml';
import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { startTestSandbox } from '@edp/sandbox';
import {
  sandboxConfig,
  TestSandbox,
  stopSandbox,
} from '../__testUtils__/sandbox';
import { copySampleStack, permissionsAnswering } from '../__testUtils__/stacks';
import { stackSandboxConfig } from '../__testUtils__/stacksSeed';
import { createStackProvisionAction } from './stackProvision';
import { examples } from './stackProvision.examples';

// Real stand-ins (git processes included) on a shared two-core machine: allow for slow moments.
jest.setTimeout(30_000);

describe('edp:stack:provision examples', () => {
  let sandbox: TestSandbox;
  const workspace = createMockDirectory();

  beforeAll(async () => {
    sandbox = await startTestSandbox(
      ['forgejo', 'kubernetes', 'argocd'],
      stackSandboxConfig({
        reconcileDelayMs: 0,
      }),
    );
  }, 60_000);
  afterAll(() => stopSandbox(sandbox));

  it.each(examples.map((e, i) => [i, e.description]))(
    'example %i: %s',
    async i => {
      workspace.clear();
      copySampleStack('starter', workspace.path, 'stack');
      // Both examples provision the starter, under different stack names: start from an empty
      // cluster, as the second would otherwise (rightly) refuse the first one's Application.
      const { cluster } = sandbox.standIns.get('kubernetes')!.state as any;
      const type = cluster.type('argoproj.io/v1alpha1', 'Application');
      for (const app of cluster.list(type, 'argocd').items)
        cluster.delete(type, 'argocd', app.metadata.name);
      // The examples name the sandbox's fixed Forgejo port; tests run on a free one.
      const host = new URL(sandbox.endpoints.forgejo.api).host;
      const input = yaml.parse(
        examples[i].example.replaceAll('127.0.0.1:7101', host),
      ).steps[0].input;
      const config = sandboxConfig(sandbox);
      const action = createStackProvisionAction({
        config,
        urlReader: UrlReaders.default({
          config,
          logger: mockServices.logger.mock(),
        }),
        permissions: permissionsAnswering(AuthorizeResult.ALLOW),
      });
      const ctx = createMockActionContext({
        input,
        workspacePath: workspace.path,
        logger: mockServices.logger.mock() as any,
      });
      await action.handler(ctx as any);
      const outputs = Object.fromEntries((ctx.output as jest.Mock).mock.calls);
      expect(outputs.selector).toBe(`edp.io/stack=${input.name}`);
      expect(outputs.repositories.length).toBeGreaterThan(0);
      // Examples that wait end with every Application Synced and Healthy; the others only apply.
      const states = outputs.applications.map(
        (a: any) => `${a.sync}/${a.health}`,
      );
      expect(
        states.every(
          (s: string) =>
            s === (input.wait === false ? 'Unknown/Unknown' : 'Synced/Healthy'),
        ),
      ).toBe(true);
    },
    60_000,
  );
});
