import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createDefaultsResolveAction } from './defaultsResolve';

/** A portal with one of everything (each derivable) and credentials that must never be logged. */
const portal = (extra: Record<string, any> = {}): Record<string, any> => ({
  integrations: {
    gitea: [{ host: 'git.example.com', password: 'gitea-secret-token' }],
  },
  kubernetes: {
    clusterLocatorMethods: [
      {
        type: 'config',
        clusters: [
          {
            name: 'prod',
            url: 'https://k8s.example.com',
            authProvider: 'serviceAccount',
            serviceAccountToken: 'kube-secret-token',
          },
        ],
      },
    ],
  },
  argocd: {
    appLocatorMethods: [
      {
        type: 'config',
        instances: [
          {
            name: 'main',
            url: 'https://argocd.example.com',
            token: 'argo-secret-token',
          },
        ],
      },
    ],
  },
  ...extra,
});

const DEFAULTS = {
  forgejoHost: 'git.example.com',
  repoOwner: 'acme',
  cluster: 'prod',
  argocdInstance: 'main',
  stacksLocation: 'https://git.example.com/acme/stacks/src/branch/main',
};

async function resolve(config: Record<string, any>, input: any) {
  const logger = mockServices.logger.mock();
  const ctx = createMockActionContext({ input, logger: logger as any });
  await createDefaultsResolveAction({
    config: new ConfigReader(config),
  }).handler(ctx);
  const outputs = Object.fromEntries((ctx.output as jest.Mock).mock.calls);
  const log = logger.info.mock.calls.map(c => String(c[0]));
  return { outputs, log };
}

const resolveError = (config: Record<string, any>, input: any) =>
  resolve(config, input).then(
    () => {
      throw new Error('expected the step to fail');
    },
    (e: Error) => e,
  );

describe('edp:defaults:resolve', () => {
  it('uses edp.defaults for every empty parameter and says so in the log', async () => {
    const { outputs, log } = await resolve(
      portal({ edp: { defaults: DEFAULTS } }),
      { forgejoHost: '', repoOwner: undefined, cluster: '  ' },
    );
    expect(outputs).toEqual(DEFAULTS);
    expect(log).toContain('repoOwner: acme (from edp.defaults.repoOwner)');
    expect(log).toContain('cluster: prod (from edp.defaults.cluster)');
  });

  it("prefers the template's parameter over edp.defaults", async () => {
    const config = portal({ edp: { defaults: DEFAULTS } });
    config.integrations.gitea.push({
      host: 'forgejo.internal',
      password: 'x',
    });
    const { outputs, log } = await resolve(config, {
      forgejoHost: 'forgejo.internal',
      repoOwner: 'team-payments',
    });
    expect(outputs).toMatchObject({
      forgejoHost: 'forgejo.internal',
      repoOwner: 'team-payments',
      cluster: 'prod',
    });
    expect(log).toContain(
      "forgejoHost: forgejo.internal (from parameter 'forgejoHost')",
    );
  });

  it('derives host, cluster and instance when the portal configures exactly one of each', async () => {
    const { outputs, log } = await resolve(portal(), {
      repoOwner: 'acme',
      require: ['forgejoHost', 'repoOwner', 'cluster', 'argocdInstance'],
    });
    expect(outputs).toEqual({
      forgejoHost: 'git.example.com',
      repoOwner: 'acme',
      cluster: 'prod',
      argocdInstance: 'main',
    });
    expect(log).toContain(
      'forgejoHost: git.example.com (from the only entry of integrations.gitea)',
    );
    expect(log).toContain(
      'cluster: prod (from the only entry of kubernetes.clusterLocatorMethods)',
    );
  });

  it('never writes a credential to the task log', async () => {
    const { log } = await resolve(portal({ edp: { defaults: DEFAULTS } }), {});
    expect(log).toHaveLength(5);
    expect(log.join('\n')).not.toMatch(/secret/);
  });

  it.each([
    [
      'forgejoHost',
      (c: any) => c.integrations.gitea.push({ host: 'b.example.com' }),
      "No Forgejo host: fill in 'forgejoHost' or set edp.defaults.forgejoHost in app-config (integrations.gitea has several: git.example.com, b.example.com)",
    ],
    [
      'cluster',
      (c: any) =>
        c.kubernetes.clusterLocatorMethods[0].clusters.push({
          name: 'staging',
          url: 'https://staging.example.com',
        }),
      "No cluster: fill in 'cluster' or set edp.defaults.cluster in app-config (kubernetes.clusterLocatorMethods has several: prod, staging)",
    ],
    [
      'argocdInstance',
      (c: any) =>
        c.argocd.appLocatorMethods[0].instances.push({
          name: 'edge',
          url: 'https://edge.example.com',
        }),
      "No ArgoCD instance: fill in 'argocdInstance' or set edp.defaults.argocdInstance in app-config (argocd.appLocatorMethods[].instances has several: main, edge)",
    ],
  ])(
    'refuses to guess %s among several, naming the parameter and the config key',
    async (key, addSecond, message) => {
      const config = portal();
      addSecond(config);
      const error = await resolveError(config, { require: [key] });
      expect(error.name).toBe('InputError');
      expect(error.message).toBe(message);
    },
  );

  it('names the parameter and the config key when nothing gives a value, and outputs nothing', async () => {
    const logger = mockServices.logger.mock();
    const ctx = createMockActionContext({
      input: { require: ['forgejoHost' as const, 'repoOwner' as const] },
      logger: logger as any,
    });
    await expect(
      createDefaultsResolveAction({
        config: new ConfigReader(portal()),
      }).handler(ctx),
    ).rejects.toThrow(
      "No repository owner: fill in 'repoOwner' or set edp.defaults.repoOwner in app-config",
    );
    expect(ctx.output).not.toHaveBeenCalled();
  });

  it('says when the portal configures none at all', async () => {
    const error = await resolveError(
      { kubernetes: { clusterLocatorMethods: [] } },
      { require: ['cluster'] },
    );
    expect(error.message).toBe(
      "No cluster: fill in 'cluster' or set edp.defaults.cluster in app-config (nothing is configured under kubernetes.clusterLocatorMethods)",
    );
  });

  it.each([
    [
      { forgejoHost: 'github.com' },
      {},
      'The Forgejo host "github.com" (from parameter \'forgejoHost\') is not configured under integrations.gitea; configured: git.example.com',
    ],
    [
      {},
      { cluster: 'sandbox' },
      'The cluster "sandbox" (from edp.defaults.cluster) is not configured under kubernetes.clusterLocatorMethods; configured: prod',
    ],
    [
      { argocdInstance: 'platform' },
      {},
      'The ArgoCD instance "platform" (from parameter \'argocdInstance\') is not configured under argocd.appLocatorMethods[].instances; configured: main',
    ],
    [
      { repoOwner: 'acme&repo=other' },
      {},
      'The repository owner "acme&repo=other" (from parameter \'repoOwner\') is not a Forgejo user or organisation name (letters, digits, "-", "_", ".")',
    ],
    [
      {},
      { stacksLocation: 'git.example.com/acme/stacks' },
      'The stacks location "git.example.com/acme/stacks" (from edp.defaults.stacksLocation) is not an http(s) URL of the folder holding the stacks',
    ],
  ])(
    'refuses a value the portal does not know, listing the choices: %j %j',
    async (input, defaults, message) => {
      const error = await resolveError(
        portal({ edp: { defaults: { ...DEFAULTS, ...defaults } } }),
        input,
      );
      expect(error.name).toBe('InputError');
      expect(error.message).toBe(message);
    },
  );

  it('resolves only what the template requires, plus what it filled in', async () => {
    // No edp.defaults and two clusters: cluster would be ambiguous, but it is not asked for.
    const config = portal();
    config.kubernetes.clusterLocatorMethods[0].clusters.push({
      name: 'staging',
      url: 'https://staging.example.com',
    });
    const { outputs } = await resolve(config, {
      require: ['forgejoHost', 'repoOwner'],
      repoOwner: 'acme',
      stacksLocation: 'https://git.example.com/acme/stacks/',
    });
    expect(outputs).toEqual({
      forgejoHost: 'git.example.com',
      repoOwner: 'acme',
      stacksLocation: 'https://git.example.com/acme/stacks',
    });
  });
});
