import yaml from 'yaml';
import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createDefaultsResolveAction } from './defaultsResolve';
import { examples } from './defaultsResolve.examples';

/** The sandbox's placement, as app-config.sandbox.yaml sets it. */
const config = new ConfigReader({
  integrations: {
    gitea: [{ host: '127.0.0.1:7101', password: 'sandbox-forgejo-token' }],
  },
  kubernetes: {
    clusterLocatorMethods: [
      {
        type: 'config',
        clusters: [{ name: 'sandbox', url: 'http://127.0.0.1:7102' }],
      },
    ],
  },
  argocd: {
    appLocatorMethods: [
      {
        type: 'config',
        instances: [
          { name: 'alpha', url: 'http://127.0.0.1:7111' },
          { name: 'platform', url: 'http://127.0.0.1:7114' },
        ],
      },
    ],
  },
  edp: {
    defaults: {
      forgejoHost: '127.0.0.1:7101',
      repoOwner: 'platform',
      cluster: 'sandbox',
      argocdInstance: 'platform',
      stacksLocation: 'http://127.0.0.1:7101/platform/stacks/src/branch/main',
    },
  },
});

/** What the scaffolder passes for `${{ parameters.x }}` when the form field was left empty. */
const withEmptyForm = (input: Record<string, unknown>): Record<string, any> =>
  Object.fromEntries(
    Object.entries(input).map(([k, v]) => [
      k,
      typeof v === 'string' && /^\$\{\{ parameters\.\w+ \}\}$/.test(v)
        ? undefined
        : v,
    ]),
  );

describe('edp:defaults:resolve examples', () => {
  it.each(examples.map((e, i) => [i, e.description]))(
    'example %i: %s',
    async i => {
      const steps = yaml.parse(examples[i].example).steps;
      const step = steps.find((s: any) => s.action === 'edp:defaults:resolve');
      const ctx = createMockActionContext({
        input: withEmptyForm(step.input),
        logger: mockServices.logger.mock() as any,
      });
      await createDefaultsResolveAction({ config }).handler(ctx);
      const outputs = Object.fromEntries((ctx.output as jest.Mock).mock.calls);

      // Filled-in values win; empty ones come from edp.defaults.
      for (const [key, value] of Object.entries(outputs)) {
        const given = withEmptyForm(step.input)[key];
        expect(value).toBe(given ?? config.getString(`edp.defaults.${key}`));
      }
      // Every value the later steps read was resolved.
      const used = [
        ...JSON.stringify(steps).matchAll(/steps\.defaults\.output\.(\w+)/g),
      ].map(m => m[1]);
      expect(used.length).toBeGreaterThan(0);
      expect(Object.keys(outputs)).toEqual(expect.arrayContaining(used));
    },
  );
});
