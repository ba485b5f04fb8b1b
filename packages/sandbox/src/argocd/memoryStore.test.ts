import { InMemoryApplicationStore } from './memoryStore';
import { describeApplicationStoreContract } from './storeContract';

describeApplicationStoreContract(
  'memory',
  async () => new InMemoryApplicationStore(),
);

describe('InMemoryApplicationStore', () => {
  it('starts from its seed without notifying anyone', async () => {
    const store = new InMemoryApplicationStore([
      {
        metadata: { name: 'seeded' },
        spec: { project: 'default', destination: { namespace: 'x' } },
      },
    ]);
    const listener = jest.fn();
    store.subscribe(listener);
    expect((await store.list()).map(a => a.metadata.name)).toEqual(['seeded']);
    expect(listener).not.toHaveBeenCalled();
  });

  it('bumps generation only when the spec changes', async () => {
    const store = new InMemoryApplicationStore();
    const a = await store.upsert({
      metadata: { name: 'g' },
      spec: { project: 'default', destination: {} },
    });
    const b = await store.upsert({
      ...a,
      status: { sync: { status: 'Synced' } },
    });
    const c = await store.upsert({
      ...b,
      spec: { ...b.spec, project: 'other' },
    });
    expect([
      a.metadata.generation,
      b.metadata.generation,
      c.metadata.generation,
    ]).toEqual([1, 1, 2]);
  });

  it('refuses an application without a name', async () => {
    await expect(
      new InMemoryApplicationStore().upsert({ metadata: {} } as any),
    ).rejects.toThrow(/metadata.name/);
  });
});
