import { runAction, workspaceWith } from '../__testUtils__/harness';

jest.setTimeout(120_000);

const SECRET = 'tok-9f8e7d6c5b4a-SECRET';

describe('edp:terraform:run secrets', () => {
  it('never writes a secret to any log line or step output, even when the CLI prints it', async () => {
    const workspacePath = workspaceWith('hello');
    const apply = await runAction({
      workspacePath,
      input: {
        workingDirectory: 'infra',
        operation: 'apply',
        secretEnv: { TF_VAR_api_token: 'apiToken' },
      },
      secrets: { apiToken: SECRET },
    });
    expect(apply.error).toBeUndefined();
    expect(apply.log.length).toBeGreaterThan(5);
    for (const line of apply.log) expect(line).not.toContain(SECRET);
    expect(JSON.stringify(apply.outputs)).not.toContain(SECRET);
    expect(apply.outputs.outputs.token).toBe('(sensitive value)');
  });

  it('redacts a sensitive variable that a failing resource prints in its error', async () => {
    const workspacePath = workspaceWith('failing');
    const run = await runAction({
      workspacePath,
      input: {
        workingDirectory: 'infra',
        operation: 'apply',
        // Given as a plain variable, but declared sensitive in the module.
        variables: { secret_message: `database password is ${SECRET}` },
      },
    });
    expect(run.error).toBeDefined();
    expect(run.error?.message).not.toContain(SECRET);
    for (const line of run.log) expect(line).not.toContain(SECRET);
    expect(JSON.stringify(run.outputs)).not.toContain(SECRET);
    expect(run.log.some(l => l.includes('***'))).toBe(true);
  });
});
