import { startTestSandbox } from '@edp/sandbox';
import { ForgejoEntityProvider } from './ForgejoEntityProvider';
import {
  discoveryFor,
  logger,
  recordingConnection,
  sandboxConfig,
  type TestSandbox,
} from './__testUtils__/sandbox';

jest.setTimeout(60_000);

describe('ForgejoEntityProvider against the Forgejo stand-in', () => {
  let sandbox: TestSandbox;

  beforeAll(async () => {
    sandbox = await startTestSandbox(['forgejo']);
  });
  afterAll(() => sandbox.stop());
  afterEach(() => sandbox.faults.clear());

  function provider() {
    const config = sandboxConfig(sandbox, {
      demo: { organizations: ['platform', 'labs'] },
    });
    const { client, discovery } = discoveryFor(config, 'demo');
    return new ForgejoEntityProvider(discovery, client, logger());
  }

  it('hands the catalog one Location per catalog file found in several organisations', async () => {
    const p = provider();
    const { connection, applyMutation } = recordingConnection();
    await p.connect(connection);
    const result = await p.refresh();

    expect(p.getProviderName()).toBe('ForgejoEntityProvider:demo');
    expect(result.applied).toBe(true);
    expect(applyMutation).toHaveBeenCalledTimes(1);
    const mutation = (applyMutation.mock.calls[0] as any[])[0];
    expect(mutation.type).toBe('full');
    const targets = mutation.entities.map((e: any) => e.entity.spec.target);
    expect(targets).toHaveLength(6);
    expect(targets).toContain(
      `${sandbox.endpoints.forgejo.api}/labs/recommender/src/branch/develop/catalog-info.yaml`,
    );
    for (const { entity, locationKey } of mutation.entities) {
      expect(locationKey).toBe('forgejo-provider:demo');
      expect(entity).toMatchObject({
        kind: 'Location',
        spec: { type: 'url', presence: 'optional' },
      });
    }
  });

  it('keeps the last result of an organisation that fails, so its entities do not vanish', async () => {
    const p = provider();
    const { connection, applyMutation } = recordingConnection();
    await p.connect(connection);
    const first = await p.refresh();

    sandbox.faults.set('forgejo', { errorRate: 1, errorStatus: 502 });
    const second = await p.refresh();

    expect(second.applied).toBe(true);
    expect(second.failed.map(f => f.organization).sort()).toEqual([
      'labs',
      'platform',
    ]);
    expect(second.failed[0]).toMatchObject({
      reusedPreviousResult: true,
      error: expect.stringMatching(/HTTP 502/),
    });
    expect(second.locations).toEqual(first.locations);
    expect(applyMutation).toHaveBeenCalledTimes(2);
  });

  it('leaves the catalog untouched when an organisation fails with nothing to fall back on', async () => {
    sandbox.faults.set('forgejo', { errorRate: 1, errorStatus: 503 });
    const p = provider();
    const { connection, applyMutation } = recordingConnection();
    await p.connect(connection);
    const result = await p.refresh();

    expect(result.applied).toBe(false);
    expect(applyMutation).not.toHaveBeenCalled();
    expect(result.failed).toHaveLength(2);
  });

  it('refuses to refresh before the catalog connected it', async () => {
    await expect(provider().refresh()).rejects.toThrow(/not connected/);
  });
});
