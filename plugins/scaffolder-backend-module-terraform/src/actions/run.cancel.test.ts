import fs from 'node:fs';
import path from 'node:path';
import { processGroupAlive } from '@edp/plugin-terraform-node';
import { runAction, testConfig, workspaceWith } from '../__testUtils__/harness';

jest.setTimeout(120_000);

/** Process groups of the processes running in `dir` (read from /proc: real processes, not mocks). */
function terraformProcessGroups(dir: string): number[] {
  const groups = new Set<number>();
  for (const pid of fs.readdirSync('/proc').filter(p => /^\d+$/.test(p))) {
    try {
      if (fs.readlinkSync(`/proc/${pid}/cwd`) !== dir) continue;
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      groups.add(Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]));
    } catch {
      // the process ended meanwhile
    }
  }
  return [...groups];
}

/** Resolves once apply runs: its first resource exists and the state is locked. */
async function waitForApply(infra: string) {
  const deadline = Date.now() + 60_000;
  const lockFile = path.join(infra, '.terraform.tfstate.lock.info');
  while (
    !(
      fs.existsSync(path.join(infra, 'out', 'before.txt')) &&
      fs.existsSync(lockFile)
    )
  ) {
    if (Date.now() > deadline) throw new Error('apply never started');
    await new Promise(r => setTimeout(r, 50));
  }
}

describe('edp:terraform:run cancellation and locks', () => {
  it('stops a running apply gracefully on cancel: process group gone, lock released, state kept', async () => {
    const workspacePath = workspaceWith('slow');
    const infra = path.join(workspacePath, 'infra');
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
    await waitForApply(infra);
    const groups = terraformProcessGroups(infra);
    expect(groups.length).toBeGreaterThan(0);
    const cancelledAt = Date.now();
    controller.abort();
    const run = await running;
    expect(Date.now() - cancelledAt).toBeLessThan(10_000); // well inside the grace period: no SIGKILL
    expect(run.error?.message).toMatch(/apply was cancelled/);
    expect(run.log).toContain(
      'terraform stopped gracefully after the interrupt; it saved its state and released the state lock.',
    );
    expect(
      fs.existsSync(path.join(infra, '.terraform.tfstate.lock.info')),
    ).toBe(false);
    for (const pgid of groups) expect(processGroupAlive(pgid)).toBe(false);
    expect(terraformProcessGroups(infra)).toEqual([]);
    const state = JSON.parse(
      fs.readFileSync(path.join(infra, 'terraform.tfstate'), 'utf8'),
    );
    expect(state.resources.map((r: any) => r.type)).toEqual(['local_file']);
  });

  it('reports who holds the state lock when another run has it', async () => {
    const workspacePath = workspaceWith('slow');
    const infra = path.join(workspacePath, 'infra');
    const controller = new AbortController();
    const first = runAction({
      workspacePath,
      input: {
        workingDirectory: 'infra',
        operation: 'apply',
        variables: { duration: '60s' },
      },
      signal: controller.signal,
    });
    const lockFile = path.join(infra, '.terraform.tfstate.lock.info');
    await waitForApply(infra);
    const holder = JSON.parse(fs.readFileSync(lockFile, 'utf8'));
    const second = await runAction({
      workspacePath,
      input: {
        workingDirectory: 'infra',
        operation: 'plan',
        variables: { duration: '60s' },
        lockTimeout: '0s',
      },
      config: testConfig(),
    });
    controller.abort();
    await first;
    expect(second.error?.message).toContain('could not lock the state');
    expect(second.error?.message).toContain(`locked by ${holder.Who}`);
    expect(second.error?.message).toContain(`lock ID ${holder.ID}`);
  });

  it('kills the process group after the grace period and says the lock may still be held', async () => {
    const workspacePath = workspaceWith('slow');
    const infra = path.join(workspacePath, 'infra');
    const controller = new AbortController();
    // A zero grace period: SIGKILL right after SIGINT, before Terraform can unlock.
    const running = runAction({
      workspacePath,
      input: {
        workingDirectory: 'infra',
        operation: 'apply',
        variables: { duration: '60s' },
      },
      signal: controller.signal,
      config: testConfig({ cancelGracePeriodMs: 0 }),
    });
    await waitForApply(infra);
    controller.abort();
    const run = await running;
    expect(run.error?.message).toMatch(/cancelled/);
    expect(
      run.entries.some(
        e =>
          e.level === 'warn' && /state lock may still be held/.test(e.message),
      ),
    ).toBe(true);
  });
});
