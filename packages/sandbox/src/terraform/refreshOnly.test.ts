import fs from 'node:fs';
import path from 'node:path';
import {
  makeWorkdir,
  readJson,
  removeWorkdirs,
  runTerraform,
} from './testUtils';

jest.setTimeout(90_000);
afterAll(removeWorkdirs);

describe('terraform stand-in: plan -refresh-only (drift detection)', () => {
  it('exits 0 while the objects match the state, 2 with resource_drift once one changed outside Terraform', async () => {
    const dir = makeWorkdir('local-file');
    await runTerraform(['init'], { cwd: dir });
    expect(
      (await runTerraform(['apply', '-auto-approve', '-json'], { cwd: dir }))
        .code,
    ).toBe(0);
    const serial = readJson(path.join(dir, 'terraform.tfstate')).serial;
    const check = () =>
      runTerraform(['plan', '-refresh-only', '-detailed-exitcode', '-json'], {
        cwd: dir,
      });

    const inSync = await check();
    expect(inSync.code).toBe(0);
    expect(inSync.lines.filter(l => l.type === 'resource_drift')).toEqual([]);

    // Behind Terraform's back: someone edits the file the module manages.
    fs.writeFileSync(path.join(dir, 'hello.txt'), 'edited by hand\n');
    const drifted = await check();
    expect(drifted.code).toBe(2);
    expect(
      drifted.lines
        .filter(l => l.type === 'resource_drift')
        .map(l => [l.change.resource.addr, l.change.action]),
    ).toEqual([['local_file.this', 'delete']]);
    expect(
      drifted.lines.find(l => l.type === 'change_summary').changes,
    ).toEqual({ add: 0, change: 0, import: 0, remove: 0, operation: 'plan' });
    // A refresh-only plan records nothing: the state is as the apply left it.
    expect(readJson(path.join(dir, 'terraform.tfstate')).serial).toBe(serial);

    const human = await runTerraform(['plan', '-refresh-only'], { cwd: dir });
    expect(human.stdout).toContain(
      'Objects have changed outside of Terraform: local_file.this has been deleted.',
    );
    expect(human.stdout).toContain('This is a refresh-only plan');
  });
});
