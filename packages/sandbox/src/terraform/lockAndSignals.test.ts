import fs from 'node:fs';
import path from 'node:path';
import {
  makeWorkdir,
  readJson,
  runTerraform,
  startTerraform,
  waitFor,
  removeWorkdirs,
} from './testUtils';

jest.setTimeout(60_000);
afterAll(removeWorkdirs);

const LOCK = '.terraform.tfstate.lock.info';

/** Starts a long apply of the slow module and resolves once it is sleeping (holding the lock). */
async function startSlowApply(dir: string, seconds = 30) {
  const run = startTerraform(
    ['apply', '-auto-approve', '-json', `-var=sleep_seconds=${seconds}`],
    { cwd: dir },
  );
  await waitFor(
    () => run.output.stdout.includes('time_sleep.wait: Creating...'),
    15_000,
    'the sleep to start',
  );
  return run;
}

describe('terraform stand-in: state lock', () => {
  it('fails a second run with "Error acquiring the state lock" and the holder, honouring -lock-timeout', async () => {
    const dir = makeWorkdir('slow-and-failing');
    await runTerraform(['init'], { cwd: dir });
    const first = await startSlowApply(dir);
    const held = readJson(path.join(dir, LOCK));
    expect(held).toMatchObject({
      ID: expect.any(String),
      Operation: 'OperationTypeApply',
      Who: expect.stringContaining('@'),
      Created: expect.any(String),
      Path: 'terraform.tfstate',
    });

    const started = Date.now();
    const second = await runTerraform(['plan', '-json', '-lock-timeout=1s'], {
      cwd: dir,
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(second.code).toBe(1);
    const diag = second.lines.find(l => l.type === 'diagnostic').diagnostic;
    expect(diag.summary).toBe('Error acquiring the state lock');
    expect(diag.detail).toContain(`ID:        ${held.ID}`);
    expect(diag.detail).toContain('Operation: OperationTypeApply');
    expect(diag.detail).toContain(`Who:       ${held.Who}`);

    first.child.kill('SIGINT');
    expect((await first.done).code).toBe(1);
    expect(fs.existsSync(path.join(dir, LOCK))).toBe(false);
    expect(
      (await runTerraform(['plan', '-lock-timeout=0s'], { cwd: dir })).code,
    ).toBe(0);
  });
});

describe('terraform stand-in: interrupts', () => {
  it('stops gracefully on SIGINT during a time_sleep: state written, lock released, exit 1', async () => {
    const dir = makeWorkdir('slow-and-failing');
    await runTerraform(['init'], { cwd: dir });
    const run = await startSlowApply(dir, 60);
    const sentAt = Date.now();
    run.child.kill('SIGINT');
    const result = await run.done;
    expect(Date.now() - sentAt).toBeLessThan(5_000);
    expect(result.code).toBe(1);
    const messages = result.lines.map(l => l['@message']);
    expect(
      messages.some(m =>
        /Interrupt received.*Gracefully shutting down/.test(m),
      ),
    ).toBe(true);
    expect(
      result.lines.find(l => l.type === 'apply_errored')?.hook.resource.addr,
    ).toBe('time_sleep.wait');
    // sandbox_fail.last depends on the sleep: it was never started.
    expect(
      result.lines.some(
        l =>
          l.type === 'apply_start' &&
          l.hook.resource.addr === 'sandbox_fail.last',
      ),
    ).toBe(false);
    expect(fs.existsSync(path.join(dir, LOCK))).toBe(false);
    const state = readJson(path.join(dir, 'terraform.tfstate'));
    expect(state.resources.map((r: any) => `${r.type}.${r.name}`)).toEqual([
      'local_file.marker',
    ]);
  });

  it('stops on SIGTERM the same way', async () => {
    const dir = makeWorkdir('slow-and-failing');
    await runTerraform(['init'], { cwd: dir });
    const run = await startSlowApply(dir, 60);
    run.child.kill('SIGTERM');
    expect((await run.done).code).toBe(1);
    expect(fs.existsSync(path.join(dir, LOCK))).toBe(false);
  });

  it('exits at once on a second interrupt and leaves the lock behind, which force-unlock releases', async () => {
    // A resource that finishes its current operation on the first interrupt, so a second one can arrive.
    const dir = makeWorkdir({
      'main.tf':
        'resource "sandbox_fail" "busy" {\n  delay              = "60s"\n  finish_on_interrupt = true\n}\n',
    });
    await runTerraform(['init'], { cwd: dir });
    const run = startTerraform(['apply', '-auto-approve', '-json'], {
      cwd: dir,
    });
    await waitFor(
      () => run.output.stdout.includes('sandbox_fail.busy: Creating...'),
      15_000,
      'the create to start',
    );
    const lockId = readJson(path.join(dir, LOCK)).ID;
    run.child.kill('SIGINT');
    await waitFor(
      () => run.output.stdout.includes('Interrupt received'),
      5_000,
      'the first interrupt',
    );
    expect(run.child.exitCode).toBeNull();
    run.child.kill('SIGINT');
    const result = await run.done;
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'Two interrupts received. Exiting immediately.',
    );
    expect(readJson(path.join(dir, LOCK)).ID).toBe(lockId);

    const blocked = await runTerraform(['plan', '-json'], { cwd: dir });
    expect(
      blocked.lines.find(l => l.type === 'diagnostic').diagnostic.summary,
    ).toBe('Error acquiring the state lock');
    const unlock = await runTerraform(['force-unlock', '-force', lockId], {
      cwd: dir,
    });
    expect(unlock.code).toBe(0);
    expect(unlock.stdout).toContain('successfully unlocked');
    expect(fs.existsSync(path.join(dir, LOCK))).toBe(false);
  });
});
