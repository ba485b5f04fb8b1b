import fs from 'node:fs';
import path from 'node:path';
import { runAction, workspaceWith } from '../__testUtils__/harness';

jest.setTimeout(120_000);

/** Every *.tfplan below `root` (the task's workspace and its temporary directories). */
function planFilesUnder(root: string): string[] {
  return fs
    .readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter(entry => entry.endsWith('.tfplan'))
    .map(entry => path.join(root, entry));
}

/**
 * A saved plan holds the run's variables in plain text, sensitive ones included (issue 11): the action
 * removes it whatever the outcome.
 */
describe('edp:terraform:run plan files', () => {
  it('removes the plan file after a successful apply', async () => {
    const workspacePath = workspaceWith('failing');
    const run = await runAction({
      workspacePath,
      input: {
        workingDirectory: 'infra',
        operation: 'apply',
        variables: { fail: false },
      },
    });
    expect(run.error).toBeUndefined();
    expect(planFilesUnder(path.dirname(workspacePath))).toEqual([]);
  });

  it('removes the plan file after an apply that fails half-way', async () => {
    const workspacePath = workspaceWith('failing');
    const run = await runAction({
      workspacePath,
      input: { workingDirectory: 'infra', operation: 'apply' },
    });
    expect(run.error?.message).toMatch(/Apply stopped after/);
    expect(planFilesUnder(path.dirname(workspacePath))).toEqual([]);
  });

  it('removes the plan file it had written when the task is cancelled during the apply', async () => {
    const workspacePath = workspaceWith('slow');
    const root = path.dirname(workspacePath);
    const controller = new AbortController();
    const running = runAction({
      workspacePath,
      input: {
        workingDirectory: 'infra',
        operation: 'apply',
        variables: { duration: '60s' },
      },
      signal: controller.signal,
    });
    const deadline = Date.now() + 30_000;
    while (planFilesUnder(root).length === 0) {
      if (Date.now() > deadline) throw new Error('no plan file was written');
      await new Promise(resolve => setTimeout(resolve, 100));
    }
    controller.abort();
    const run = await running;
    expect(run.error?.message).toMatch(/cancelled/);
    expect(planFilesUnder(root)).toEqual([]);
  });
});
