import {
  formatStateLocation,
  isTerraformAvailable,
  parseStateLocation,
} from './annotations';
import { describeDrift } from './types';

describe('terraform state annotation', () => {
  it('reads the location edp:terraform:run reports and writes it back unchanged', () => {
    const value = 'kubernetes:sandbox/default/tfstate-default-my-pet';
    const location = parseStateLocation(value);
    expect(location).toEqual({
      cluster: 'sandbox',
      namespace: 'default',
      secretName: 'tfstate-default-my-pet',
    });
    expect(formatStateLocation(location!)).toBe(value);
  });

  it('leaves out states the card cannot read (other backends, ephemeral, path tricks)', () => {
    for (const value of [
      'ephemeral',
      's3:0123456789abcdef:default',
      'kubernetes:sandbox/default/other-secret',
      'kubernetes:sandbox/../tfstate-default-x',
      undefined,
    ]) {
      expect(parseStateLocation(value)).toBeUndefined();
    }
  });

  it('shows the card only on entities with the annotation', () => {
    const entity = (annotations: Record<string, string>) => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: { name: 'x', annotations },
    });
    expect(
      isTerraformAvailable(
        entity({ 'edp.io/terraform-state': 'kubernetes:a/b/tfstate-c-d' }),
      ),
    ).toBe(true);
    expect(isTerraformAvailable(entity({}))).toBe(false);
  });

  it('words drift results as the card and the catalog status show them', () => {
    const at = '2026-12-06T10:00:00Z';
    expect(describeDrift({ status: 'in-sync', checkedAt: at })).toBe('in sync');
    expect(
      describeDrift({
        status: 'drifted',
        checkedAt: at,
        resources: ['a', 'b'],
      }),
    ).toBe('drifted: 2 resources');
    expect(
      describeDrift({ status: 'drifted', checkedAt: at, resources: ['a'] }),
    ).toBe('drifted: 1 resource');
    expect(
      describeDrift({ status: 'error', checkedAt: at, message: 'x' }),
    ).toBe('error');
  });
});
