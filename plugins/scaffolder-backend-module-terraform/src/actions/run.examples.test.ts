import yaml from 'yaml';
import { examples } from './run.examples';
import { runAction, workspaceWith } from '../__testUtils__/harness';

jest.setTimeout(120_000);

// The examples run in order in one workspace: plan, apply (workspace staging), destroy.
const EXPECTED = {
  plan: {
    hasChanges: true,
    summary: { add: 3, change: 0, destroy: 0 },
    outputs: {},
  },
  apply: {
    hasChanges: true,
    summary: { add: 3, change: 0, destroy: 0 },
    outputs: {
      token: '(sensitive value)',
      greeting_file: 'out/hello-demo.txt',
    },
  },
  destroy: {
    hasChanges: true,
    summary: { add: 0, change: 0, destroy: 3 },
    outputs: {},
  },
};

describe('edp:terraform:run examples', () => {
  // One workspace for all: the destroy example removes what the apply example created.
  const workspacePath = workspaceWith('hello');

  it.each(examples.map((e, i) => [i, e.description] as const))(
    'runs example %i: %s',
    async index => {
      const step = yaml.parse(examples[index].example).steps[0];
      expect(step.action).toBe('edp:terraform:run');
      const run = await runAction({
        workspacePath,
        input: step.input,
        secrets: { apiToken: 'example-api-token' },
      });
      expect(run.error).toBeUndefined();
      expect(run.outputs).toMatchObject(
        EXPECTED[step.input.operation as keyof typeof EXPECTED],
      );
    },
  );
});
