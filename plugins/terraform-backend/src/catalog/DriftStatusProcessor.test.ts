import type { AlphaEntity } from '@backstage/catalog-model/alpha';
import { mockServices } from '@backstage/backend-test-utils';
import type { TerraformDrift } from '@edp/plugin-terraform-common';
import { resource } from '../__testUtils__/testBackend';
import { TerraformDriftStatusProcessor } from './DriftStatusProcessor';

const entity = resource('garden', {
  'edp.io/terraform-state': 'kubernetes:sandbox/default/tfstate-default-garden',
});

function processorWith(drift: TerraformDrift | undefined | Error) {
  return new TerraformDriftStatusProcessor(
    () =>
      ({
        readRecord: async () => {
          if (drift instanceof Error) throw drift;
          return { runs: [], drift };
        },
      } as any),
    mockServices.logger.mock(),
  );
}

describe('TerraformDriftStatusProcessor', () => {
  it('puts a drifted result on the entity as a warning status naming the resources, replacing the previous one', async () => {
    const processor = processorWith({
      status: 'drifted',
      checkedAt: '2026-12-06T12:00:00Z',
      resources: ['kubernetes_config_map_v1.settings'],
    });
    const once = await processor.postProcessEntity(entity);
    const twice = await processor.postProcessEntity(once);
    expect((twice as AlphaEntity).status?.items).toEqual([
      {
        type: 'edp.io/terraform-drift',
        level: 'warning',
        message:
          'Terraform drift: drifted: 1 resource (kubernetes_config_map_v1.settings), checked 2026-12-06T12:00:00Z',
      },
    ]);
  });

  it('says "in sync" as info, and leaves entities alone when unchecked, unannotated or the cluster is down', async () => {
    const inSync = await processorWith({
      status: 'in-sync',
      checkedAt: '2026-12-06T12:00:00Z',
    }).postProcessEntity(entity);
    expect((inSync as AlphaEntity).status?.items?.[0]).toMatchObject({
      level: 'info',
      message: expect.stringContaining('Terraform drift: in sync'),
    });
    expect(
      await processorWith({ status: 'unchecked' }).postProcessEntity(entity),
    ).toBe(entity);
    expect(
      await processorWith(new Error('down')).postProcessEntity(entity),
    ).toBe(entity);
    const plain = resource('plain', {});
    expect(await processorWith(undefined).postProcessEntity(plain)).toBe(plain);
  });
});
