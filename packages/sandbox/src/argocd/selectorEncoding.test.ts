import type { Sandbox } from '../host/sandbox';
import { call, login, startArgoCd } from './testUtils';

/** Label values with characters that break selectors built by string concatenation. */
const tricky = [
  { name: 'amp', team: 'r&d' },
  { name: 'plus', team: 'ops+sre' },
  { name: 'hash', team: 'team#1' },
  { name: 'plain', team: 'r' },
];

describe('selector query parameter encoding', () => {
  let sandbox: Sandbox;
  let alpha: string;
  let token: string;

  beforeAll(async () => {
    sandbox = await startArgoCd({
      instances: {
        alpha: {
          seed: [],
          users: [{ username: 'admin', password: 'pw' }],
          applications: tricky.map(t => ({
            metadata: { name: t.name, labels: { team: t.team } },
            spec: { project: 'default', destination: { namespace: t.name } },
          })),
        },
      },
    });
    alpha = sandbox.endpoints.argocd.alpha;
    token = await login(alpha, { username: 'admin', password: 'pw' });
  });
  afterAll(() => sandbox.stop());

  const names = async (rawQuery: string) =>
    (
      await call(`${alpha}/api/v1/applications?${rawQuery}`, { token })
    ).body.items?.map((a: any) => a.metadata.name);

  it.each(tricky.filter(t => t.name !== 'plain'))(
    'finds the app labelled team=$team when the selector is URL-encoded',
    async ({ name, team }) => {
      const query = new URLSearchParams({
        selector: `team=${team}`,
      }).toString();
      expect(await names(query)).toEqual([name]);
      expect(
        await names(`selector=${encodeURIComponent(`team=${team}`)}`),
      ).toEqual([name]);
    },
  );

  it('shows what concatenation without encoding does: & splits the parameter, + turns into a space, # is cut off', async () => {
    expect(await names('selector=team=r&d')).toEqual(['plain']);
    const plus = await call(
      `${alpha}/api/v1/applications?selector=team=ops+sre`,
      { token },
    );
    expect(plus.status).toBe(400);
    // `team in (r` is left of the `&`, and the list never closes.
    const cut = await call(
      `${alpha}/api/v1/applications?selector=team in (r&d,team#1)`,
      { token },
    );
    expect(cut.status).toBe(400);
    expect(cut.body.message).toContain('"team in (r"');
  });

  it('combines encoded requirements with commas', async () => {
    expect(
      await names(
        `selector=${encodeURIComponent('team in (r&d,team#1),team!=ops+sre')}`,
      ),
    ).toEqual(['amp', 'hash']);
  });
});
