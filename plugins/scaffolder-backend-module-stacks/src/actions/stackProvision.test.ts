import { ConfigReader } from '@backstage/config';
import fs from 'node:fs';
import path from 'node:path';
import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { startTestSandbox } from '@edp/sandbox';
import {
  FORGEJO_TOKEN,
  KUBE_TOKEN,
  sandboxConfig,
  TestSandbox,
  stopSandbox,
} from '../__testUtils__/sandbox';
import {
  copySampleStack,
  noUrlReader,
  permissionsAnswering,
} from '../__testUtils__/stacks';
import { createStackProvisionAction } from './stackProvision';

// Real stand-ins (git processes included) on a shared two-core machine: allow for slow moments.
jest.setTimeout(30_000);

describe('edp:stack:provision against the Forgejo and Kubernetes stand-ins', () => {
  let sandbox: TestSandbox;
  const workspace = createMockDirectory();

  beforeAll(async () => {
    sandbox = await startTestSandbox(['forgejo', 'kubernetes']);
  }, 60_000);
  afterAll(() => stopSandbox(sandbox));
  beforeEach(() => {
    workspace.clear();
    copySampleStack('starter', workspace.path);
    // Each test provisions the starter under its own stack name: start without the previous
    // test's Applications, which would belong to another stack.
    const { cluster } = sandbox.standIns.get('kubernetes')!.state as any;
    const type = cluster.type('argoproj.io/v1alpha1', 'Application');
    for (const app of cluster.list(type, 'argocd').items)
      cluster.delete(type, 'argocd', app.metadata.name);
  });

  const forgejo = (p: string) =>
    fetch(`${sandbox.endpoints.forgejo.api}/api/v1${p}`, {
      headers: { authorization: `token ${FORGEJO_TOKEN}` },
    });
  const kube = (p: string) =>
    fetch(`${sandbox.endpoints.kubernetes.api}${p}`, {
      headers: { authorization: `Bearer ${KUBE_TOKEN}` },
    });
  const host = () => new URL(sandbox.endpoints.forgejo.api).host;

  const run = async (
    input: Record<string, unknown>,
    options: { dryRun?: boolean; deny?: boolean } = {},
  ) => {
    const action = createStackProvisionAction({
      config: sandboxConfig(sandbox),
      urlReader: noUrlReader,
      permissions: permissionsAnswering(
        options.deny ? AuthorizeResult.DENY : AuthorizeResult.ALLOW,
      ),
    });
    const ctx = createMockActionContext({
      input: {
        forgejoHost: host(),
        owner: 'platform',
        cluster: 'sandbox',
        wait: false,
        ...input,
      } as any,
      workspacePath: workspace.path,
      logger: mockServices.logger.mock() as any,
    });
    Object.assign(ctx, { isDryRun: options.dryRun ?? false });
    await action.handler(ctx as any);
    const outputs = Object.fromEntries((ctx.output as jest.Mock).mock.calls);
    return { ctx, outputs };
  };

  it('pushes each cnoe:// folder to its own repository and applies the labelled Applications', async () => {
    const { outputs } = await run({
      stack: 'starter',
      name: 'demo',
      values: { greeting: 'Hi there' },
      valuesIn: ['web/*.yaml'],
    });
    expect(outputs.selector).toBe('edp.io/stack=demo');
    expect(outputs.repositories).toEqual([
      expect.objectContaining({
        dir: 'web',
        name: 'platform/demo-web',
        action: 'created',
      }),
    ]);
    const config = await (
      await forgejo('/repos/platform/demo-web/raw/configmap.yaml')
    ).text();
    expect(config).toContain('GREETING: Hi there');

    const app = await (
      await kube(
        '/apis/argoproj.io/v1alpha1/namespaces/argocd/applications/starter-web',
      )
    ).json();
    expect(app.metadata.labels).toMatchObject({
      'edp.io/stack': 'demo',
      env: 'dev',
    });
    expect(app.spec.source.repoURL).toBe(outputs.repositories[0].cloneUrl);
    expect(app.spec.destination.namespace).toBe('starter');
  });

  it('changes nothing on a second run, and commits once when a value changes', async () => {
    await run({ stack: 'starter', name: 'again' });
    const commits = async () =>
      (
        await (
          await forgejo('/repos/platform/again-web/commits?limit=50')
        ).json()
      ).length;
    expect(await commits()).toBe(1);
    const appBefore = await (
      await kube(
        '/apis/argoproj.io/v1alpha1/namespaces/argocd/applications/starter-web',
      )
    ).json();

    const second = await run({ stack: 'starter', name: 'again' });
    expect(second.outputs.repositories[0].action).toBe('unchanged');
    expect(await commits()).toBe(1);
    const appAfter = await (
      await kube(
        '/apis/argoproj.io/v1alpha1/namespaces/argocd/applications/starter-web',
      )
    ).json();
    expect(appAfter.metadata.resourceVersion).toBe(
      appBefore.metadata.resourceVersion,
    );

    const third = await run({
      stack: 'starter',
      name: 'again',
      values: { greeting: 'changed' },
      valuesIn: ['web/**'],
    });
    expect(third.outputs.repositories[0].action).toBe('updated');
    expect(await commits()).toBe(2);
  });

  it('creates nothing in a dry run', async () => {
    const { outputs } = await run(
      { stack: 'starter', name: 'dry' },
      { dryRun: true },
    );
    expect(outputs.repositories[0]).toMatchObject({
      name: 'platform/dry-web',
      action: 'created',
    });
    expect(outputs.repositories[0].cloneUrl).toMatch(
      /\/platform\/dry-web\.git$/,
    );
    expect((await forgejo('/repos/platform/dry-web')).status).toBe(404);
  });

  it('refuses without the edp.stack.provision permission, before touching anything', async () => {
    await expect(
      run({ stack: 'starter', name: 'denied' }, { deny: true }),
    ).rejects.toThrow(/edp\.stack\.provision/);
    expect((await forgejo('/repos/platform/denied-web')).status).toBe(404);
  });

  it('refuses a cnoe:// path that leaves the stack folder', async () => {
    const file = path.join(workspace.path, 'starter', 'starter-web.yaml');
    fs.writeFileSync(
      file,
      fs.readFileSync(file, 'utf8').replace('cnoe://web', 'cnoe://../../etc'),
    );
    await expect(run({ stack: 'starter', name: 'escape' })).rejects.toThrow(
      /stack file starter-web.yaml, object 1: cnoe:\/\/\.\.\/\.\.\/etc points outside the stack folder/,
    );
    expect((await forgejo('/repos/platform/escape-etc')).status).toBe(404);
  });

  it("creates the repositories in the integration token's own account when the owner is that user", async () => {
    const { outputs } = await run({
      stack: 'starter',
      name: 'mine',
      owner: 'edp-bot',
    });
    expect(outputs.repositories).toEqual([
      expect.objectContaining({ name: 'edp-bot/mine-web', action: 'created' }),
    ]);
    expect((await forgejo('/repos/edp-bot/mine-web')).status).toBe(200);
  });

  it('names an owner that is neither an organisation nor the user of the token', async () => {
    await expect(
      run({ stack: 'starter', name: 'lost', owner: 'nobody-here' }),
    ).rejects.toThrow(
      /^Input "owner": "nobody-here" is neither an organisation on http:\/\/127\.0\.0\.1:\d+ nor the user of the integration token$/,
    );
    expect((await forgejo('/repos/nobody-here/lost-web')).status).toBe(404);
  });

  it('names the Forgejo host that has no integration', async () => {
    await expect(
      run({ stack: 'starter', name: 'nohost', forgejoHost: 'git.example.com' }),
    ).rejects.toThrow(
      /Input "forgejoHost": no integrations.gitea entry for host "git.example.com"/,
    );
  });

  it('names a workspace stack folder that does not exist', async () => {
    await expect(run({ stack: 'nothing-here', name: 'x' })).rejects.toThrow(
      /Input "stack".*nothing-here.*ENOENT/,
    );
  });

  it('names the Forgejo server that cannot be reached', async () => {
    const action = createStackProvisionAction({
      config: new ConfigReader({
        integrations: {
          gitea: [
            {
              host: '127.0.0.1:1',
              baseUrl: 'http://127.0.0.1:1',
              password: 'hidden-token',
            },
          ],
        },
        kubernetes: sandboxConfig(sandbox).get('kubernetes'),
      }),
      urlReader: noUrlReader,
      permissions: permissionsAnswering(AuthorizeResult.ALLOW),
    });
    const ctx = createMockActionContext({
      input: {
        stack: 'starter',
        name: 'offline',
        forgejoHost: '127.0.0.1:1',
        owner: 'platform',
        wait: false,
      } as any,
      workspacePath: workspace.path,
      logger: mockServices.logger.mock() as any,
    });
    const error = await action.handler(ctx as any).catch(e => e);
    expect(error.message).toMatch(
      /Forgejo at http:\/\/127\.0\.0\.1:1 could not be reached/,
    );
    expect(error.message).not.toContain('hidden-token');
  });
});
