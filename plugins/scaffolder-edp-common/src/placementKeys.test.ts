import { isPlacementKey, PLACEMENT_KEYS } from './placementKeys';

describe('isPlacementKey', () => {
  it.each(PLACEMENT_KEYS)('accepts %s', key => {
    expect(isPlacementKey(key)).toBe(true);
  });

  it.each(['', 'Cluster', 'namespace', undefined, 3])('rejects %p', value => {
    expect(isPlacementKey(value)).toBe(false);
  });
});
