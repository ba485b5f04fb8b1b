import { mockServices } from '@backstage/backend-test-utils';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { deprecatedActionAlias } from './deprecatedActionAlias';

function greetAction() {
  return createTemplateAction({
    id: 'edp:greeting:create',
    description: 'Greets someone.',
    supportsDryRun: true,
    examples: [{ description: 'Greet Ann', example: 'steps: []' }],
    schema: {
      input: { name: z => z.string() },
      output: { greeting: z => z.string() },
    },
    async handler(ctx) {
      ctx.output('greeting', `hello ${ctx.input.name}`);
    },
  });
}

describe('deprecatedActionAlias', () => {
  it('runs the renamed action under the former id, with the same schema and outputs', async () => {
    const action = greetAction();
    const alias = deprecatedActionAlias(action, 'edp:greet');
    expect(alias).toMatchObject({
      id: 'edp:greet',
      description: 'Deprecated: use edp:greeting:create. Greets someone.',
      supportsDryRun: true,
      schema: action.schema,
      examples: [],
    });

    const ctx = createMockActionContext({ input: { name: 'Ann' } });
    await alias.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('greeting', 'hello Ann');
  });

  it('warns in the task log and in the backend log on every use, naming the new id', async () => {
    const logger = mockServices.logger.mock();
    const alias = deprecatedActionAlias(greetAction(), 'edp:greet', {
      logger,
    });
    const ctx = createMockActionContext({
      input: { name: 'Ann' },
      task: { id: 'task-1' },
    });
    const warn = jest.spyOn(ctx.logger, 'warn');

    await alias.handler(ctx);

    const expected =
      'The action id edp:greet is deprecated and will be removed in the next release; use edp:greeting:create (same inputs and outputs).';
    expect(warn).toHaveBeenCalledWith(expected);
    expect(logger.warn).toHaveBeenCalledWith(`${expected} (task task-1)`);
  });

  it('leaves the action under its new id silent', async () => {
    const action = greetAction();
    deprecatedActionAlias(action, 'edp:greet');
    const ctx = createMockActionContext({ input: { name: 'Ann' } });
    const warn = jest.spyOn(ctx.logger, 'warn');
    await action.handler(ctx);
    expect(warn).not.toHaveBeenCalled();
  });
});
