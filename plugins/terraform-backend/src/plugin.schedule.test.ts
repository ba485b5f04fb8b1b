import { mockServices } from '@backstage/backend-test-utils';
import type { TerraformDrift } from '@edp/plugin-terraform-common';
import { resource, startTerraformBackend } from './__testUtils__/testBackend';

const annotated = (name: string) =>
  resource(name, {
    'edp.io/terraform-state': `kubernetes:sandbox/default/tfstate-default-${name}`,
    'edp.io/terraform-module': 'pet-config',
  });

describe('edp-terraform drift schedule', () => {
  it('schedules one global task from config, and a round checks every annotated entity at most `concurrency` at a time', async () => {
    const scheduler = mockServices.scheduler.mock();
    let running = 0;
    let peak = 0;
    const checked: string[] = [];
    const recorded: TerraformDrift[] = [];
    const store = {
      readState: async () => ({
        state: { version: 4 },
        workspace: 'default',
        secretSuffix: 'x',
      }),
      readRecord: async () => ({ runs: [], variables: { name: 'x' } }),
      recordDrift: async (_: unknown, drift: TerraformDrift) => {
        recorded.push(drift);
      },
    };
    await startTerraformBackend({
      entities: [
        annotated('a'),
        annotated('b'),
        annotated('c'),
        annotated('d'),
        annotated('e'),
        resource('plain', {}),
      ],
      kubeApi: 'http://127.0.0.1:9',
      extraFeatures: [scheduler.factory],
      driftCheck: {
        schedule: { frequency: { minutes: 5 }, timeout: { minutes: 2 } },
        concurrency: 2,
      },
      overrides: {
        stores: () => store as any,
        runDrift: async input => {
          running++;
          peak = Math.max(peak, running);
          await new Promise(r => setTimeout(r, 20));
          running--;
          checked.push(input.location.secretName);
          return { status: 'in-sync', checkedAt: new Date().toISOString() };
        },
      },
    });
    expect(scheduler.scheduleTask).toHaveBeenCalledTimes(1);
    const task = scheduler.scheduleTask.mock.calls[0][0];
    // Global: with two replicas, the scheduler runs each round on one of them only.
    expect(task).toMatchObject({
      id: 'terraform-drift-check',
      scope: 'global',
      frequency: { minutes: 5 },
      timeout: { minutes: 2 },
    });
    await task.fn(new AbortController().signal as any);
    expect(checked.sort()).toEqual(
      ['a', 'b', 'c', 'd', 'e'].map(n => `tfstate-default-${n}`),
    );
    expect(peak).toBe(2);
    expect(recorded).toHaveLength(5);
  });
});
