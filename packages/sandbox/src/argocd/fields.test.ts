import { parseFields, projectFields } from './fields';

describe('fields projection', () => {
  const list = {
    metadata: { resourceVersion: '7' },
    items: [
      {
        metadata: { name: 'a', labels: { x: '1' } },
        status: {
          sync: { status: 'Synced', revision: 'abc' },
          health: { status: 'Healthy' },
        },
      },
      { metadata: { name: 'b' }, spec: { project: 'p' } },
    ],
  };

  it('keeps only the listed paths, element by element through arrays', () => {
    const fields = parseFields('items.metadata.name,items.status.sync.status');
    expect(projectFields(list, fields)).toEqual({
      items: [
        { metadata: { name: 'a' }, status: { sync: { status: 'Synced' } } },
        { metadata: { name: 'b' } },
      ],
    });
  });

  it('adds up repeated parameters and keeps whole subtrees', () => {
    const fields = parseFields(['metadata.resourceVersion', 'items.status']);
    expect(projectFields(list, fields)).toEqual({
      metadata: { resourceVersion: '7' },
      items: [{ status: list.items[0].status }, {}],
    });
  });

  it('returns everything without a fields parameter', () => {
    expect(projectFields(list, parseFields(undefined))).toBe(list);
    expect(projectFields(list, parseFields(''))).toBe(list);
  });
});
