import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InputError } from '@backstage/errors';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { deprecatedActionAlias } from '@edp/plugin-scaffolder-edp-node';
import { createTerraformFetchModuleAction } from './fetchModule';
import { FIXTURES, testConfig } from '../__testUtils__/harness';

describe('edp:terraform:module:fetch', () => {
  const source = fs.mkdtempSync(path.join(os.tmpdir(), 'module-src-'));
  fs.cpSync(path.join(FIXTURES, 'hello'), source, { recursive: true });
  fs.writeFileSync(path.join(source, 'terraform.tfstate'), '{}');
  fs.mkdirSync(path.join(source, '.terraform'));
  const action = createTerraformFetchModuleAction({
    config: testConfig({ modules: { hello: source } }),
  });

  it('copies a configured module, without state or provider caches', async () => {
    const ctx = createMockActionContext({
      input: { module: 'hello', targetPath: 'tf/hello' },
    });
    await action.handler(ctx as any);
    const target = path.join(ctx.workspacePath, 'tf', 'hello');
    expect(fs.readdirSync(target)).toEqual(['main.tf']);
    expect(ctx.output).toHaveBeenCalledWith('files', ['main.tf']);
  });

  it('still copies under its former id edp:terraform:fetchModule, warning in the task log', async () => {
    const former = deprecatedActionAlias(action, 'edp:terraform:fetchModule');
    const ctx = createMockActionContext({
      input: { module: 'hello', targetPath: 'infra' },
    });
    const warn = jest.spyOn(ctx.logger, 'warn');
    await former.handler(ctx as any);
    expect(fs.readdirSync(path.join(ctx.workspacePath, 'infra'))).toEqual([
      'main.tf',
    ]);
    expect(warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /^The action id edp:terraform:fetchModule is deprecated .*; use edp:terraform:module:fetch/,
      ),
    );
  });

  it('refuses unknown modules and paths outside the workspace', async () => {
    await expect(
      action.handler(
        createMockActionContext({ input: { module: 'constructor' } }) as any,
      ),
    ).rejects.toThrow(
      /module "constructor" is not offered; known modules: hello/,
    );
    await expect(
      action.handler(
        createMockActionContext({
          input: { module: 'hello', targetPath: '../x' },
        }) as any,
      ),
    ).rejects.toThrow(/targetPath "..\/x" points outside/);
  });

  it('refuses a targetPath that is an existing file with a 400 naming it', async () => {
    const ctx = createMockActionContext({
      input: { module: 'hello', targetPath: 'README.md' },
    });
    fs.mkdirSync(ctx.workspacePath, { recursive: true });
    fs.writeFileSync(path.join(ctx.workspacePath, 'README.md'), 'keep me');
    const error = await action.handler(ctx as any).then(
      () => undefined,
      e => e,
    );
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(
      /^targetPath "README\.md" is a file in the task workspace/,
    );
    expect(
      fs.readFileSync(path.join(ctx.workspacePath, 'README.md'), 'utf8'),
    ).toBe('keep me');
  });
});
