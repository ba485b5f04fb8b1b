import path from 'node:path';
import { loadSeedApplications, RevisionCatalog } from './seeds';
import { DEFAULT_SEED_DIR } from './settings';
import type { Application } from './types';

const instances = ['alpha', 'beta', 'gamma'];
const seeds = Object.fromEntries(
  instances.map(i => [
    i,
    loadSeedApplications([path.join(DEFAULT_SEED_DIR, `${i}.yaml`)]),
  ]),
);
const all: Array<[string, Application]> = instances.flatMap(i =>
  seeds[i].map(a => [i, a] as [string, Application]),
);
const catalog = RevisionCatalog.load(
  path.join(DEFAULT_SEED_DIR, 'revisions.yaml'),
);
const where = (instance: string, app: Application) =>
  `${instance}/${app.metadata.namespace}/${app.metadata.name}`;

describe('ArgoCD seeds', () => {
  it('cover every sync and every health state', () => {
    const sync = new Set(all.map(([, a]) => a.status?.sync?.status));
    const health = new Set(all.map(([, a]) => a.status?.health?.status));
    expect([...sync].sort()).toEqual(['OutOfSync', 'Synced', 'Unknown']);
    expect([...health].sort()).toEqual([
      'Degraded',
      'Healthy',
      'Missing',
      'Progressing',
      'Suspended',
      'Unknown',
    ]);
    expect(
      new Set(all.map(([, a]) => a.status?.operationState?.phase)).has(
        'Failed',
      ),
    ).toBe(true);
  });

  it('hold the applications the demo catalog points at', () => {
    const named = (instance: string, name: string) =>
      seeds[instance].find(a => a.metadata.name === name);
    expect(
      named('alpha', 'payments-api-dev')?.metadata.labels?.[
        'app.kubernetes.io/part-of'
      ],
    ).toBe('payments');
    expect(
      named('beta', 'payments-api-prod')?.metadata.labels?.[
        'app.kubernetes.io/part-of'
      ],
    ).toBe('payments');
    expect(named('alpha', 'web-shop')).toBeDefined();
    for (const instance of instances)
      expect(named(instance, 'inventory')).toBeDefined();
    // Exactly the two payments applications match the payments-api entity's selector.
    const payments = all.filter(
      ([, a]) =>
        a.metadata.labels?.['app.kubernetes.io/part-of'] === 'payments',
    );
    expect(payments.map(([i, a]) => where(i, a))).toEqual([
      'alpha/argocd/payments-api-dev',
      'beta/argocd/payments-api-prod',
    ]);
  });

  it('give payments-api-prod at least 9 deployments, ids increasing', () => {
    const history = seeds.beta.find(
      a => a.metadata.name === 'payments-api-prod',
    )!.status!.history!;
    expect(history.length).toBeGreaterThanOrEqual(9);
    expect(history.map(h => h.id)).toEqual(history.map((_, i) => i));
  });

  it('point every source at a Forgejo stand-in repository', () => {
    for (const [i, app] of all) {
      expect({ app: where(i, app), repo: app.spec.source?.repoURL }).toEqual({
        app: where(i, app),
        repo: expect.stringMatching(
          /^http:\/\/127\.0\.0\.1:7101\/platform\/(payments-api|web-shop|inventory-service)\.git$/,
        ),
      });
    }
  });

  it('have revision metadata for every history revision and every synced revision', () => {
    const missing: string[] = [];
    for (const [i, app] of all) {
      const revisions = [
        ...(app.status?.history ?? []).map(h => h.revision!),
        app.status?.sync?.revision,
      ].filter(Boolean) as string[];
      for (const revision of revisions) {
        const md = catalog.metadata(app.spec.source!.repoURL, revision);
        if (!md?.author || !md.date || !md.message)
          missing.push(`${where(i, app)} ${revision}`);
      }
      for (const h of app.status?.history ?? []) {
        expect(h.source?.repoURL).toBe(app.spec.source?.repoURL);
        expect(Date.parse(h.deployStartedAt!)).toBeLessThan(
          Date.parse(h.deployedAt),
        );
      }
    }
    expect(missing).toEqual([]);
  });

  it('resolves branches, tags and abbreviated SHAs', () => {
    const repo = 'http://127.0.0.1:7101/platform/payments-api.git';
    const head = catalog.resolve(repo, 'main')!;
    expect(head).toMatch(/^[0-9a-f]{40}$/);
    expect(catalog.resolve(repo, 'HEAD')).toBe(head);
    expect(
      catalog.resolve(`${repo.replace('.git', '')}/`, head.slice(0, 7)),
    ).toBe(head);
    expect(catalog.metadata(repo, 'v1.10.0')?.tags).toEqual(['v1.10.0']);
    expect(catalog.resolve(repo, 'no-such-ref')).toBeUndefined();
  });
});
