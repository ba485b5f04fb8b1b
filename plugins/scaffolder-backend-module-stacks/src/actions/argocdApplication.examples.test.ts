import yaml from 'yaml';
import { mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { startTestSandbox } from '@edp/sandbox';
import {
  sandboxConfig,
  TestSandbox,
  stopSandbox,
} from '../__testUtils__/sandbox';
import { asPrivilegedUser } from '../__testUtils__/permissions';
import { setApplicationStatus } from '../__testUtils__/applicationStatus';
import { createArgocdApplicationCreateAction } from './argocdApplicationCreate';
import { examples as createExamples } from './argocdApplicationCreate.examples';
import { createArgocdApplicationWaitAction } from './argocdApplicationWait';
import { examples as waitExamples } from './argocdApplicationWait.examples';

// Real stand-ins (git processes included) on a shared two-core machine: allow for slow moments.
jest.setTimeout(30_000);

describe('edp:argocd:application examples', () => {
  let sandbox: TestSandbox;

  beforeAll(async () => {
    sandbox = await startTestSandbox(['kubernetes']);
  }, 60_000);
  afterAll(() => stopSandbox(sandbox));

  const inputOf = (example: string) => yaml.parse(example).steps[0].input;
  const run = async (action: any, input: any) => {
    const ctx = createMockActionContext({
      input,
      logger: mockServices.logger.mock() as any,
    });
    await action.handler(ctx);
    return Object.fromEntries((ctx.output as jest.Mock).mock.calls);
  };

  it.each(createExamples.map((e, i) => [i, e.description]))(
    'create example %i: %s',
    async i => {
      const input = inputOf(createExamples[i].example);
      const outputs = await run(
        createArgocdApplicationCreateAction(
          asPrivilegedUser(sandboxConfig(sandbox)),
        ),
        input,
      );
      expect(outputs).toEqual({
        name: input.name,
        namespace: 'argocd',
        action: 'created',
      });
    },
  );

  it.each(waitExamples.map((e, i) => [i, e.description]))(
    'wait example %i: %s',
    async i => {
      const input = inputOf(waitExamples[i].example);
      const names: string[] = input.names ?? [input.name];
      const create = createArgocdApplicationCreateAction(
        asPrivilegedUser(sandboxConfig(sandbox)),
      );
      for (const name of names) {
        await run(create, {
          name,
          sourceRepoUrl: 'http://127.0.0.1:7101/platform/orders.git',
          destinationNamespace: 'orders',
        });
        setApplicationStatus(sandbox, name, 'Synced', 'Healthy');
      }
      const outputs = await run(
        createArgocdApplicationWaitAction(
          asPrivilegedUser(sandboxConfig(sandbox)),
        ),
        input,
      );
      expect(outputs.applications.map((a: any) => a.name)).toEqual(names);
    },
  );
});
