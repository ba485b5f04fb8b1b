import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { startTestSandbox } from '@edp/sandbox';
import {
  sandboxConfig,
  TestSandbox,
  stopSandbox,
} from '../__testUtils__/sandbox';
import { copySampleStack, permissionsAnswering } from '../__testUtils__/stacks';
import { stackSandboxConfig } from '../__testUtils__/stacksSeed';
import { createStackProvisionAction } from './stackProvision';

// Real stand-ins (git processes included) on a shared two-core machine: allow for slow moments.
jest.setTimeout(30_000);

/** The whole path: stack read from platform/stacks, pushed, applied, reconciled by the ArgoCD stand-in. */
describe('edp:stack:provision with ArgoCD reconciling', () => {
  let sandbox: TestSandbox;
  const workspace = createMockDirectory();

  beforeAll(async () => {
    sandbox = await startTestSandbox(
      ['forgejo', 'kubernetes', 'argocd'],
      stackSandboxConfig({
        reconcileDelayMs: 200,
      }),
    );
  }, 60_000);
  afterAll(() => stopSandbox(sandbox));

  /** An object as the Kubernetes stand-in holds it (what ArgoCD deployed there). */
  const clusterObject = (
    apiVersion: string,
    kind: string,
    namespace: string,
    name: string,
  ) => {
    const { cluster } = sandbox.standIns.get('kubernetes')!.state as any;
    return cluster.get(cluster.type(apiVersion, kind), namespace, name);
  };

  const run = async (input: Record<string, unknown>) => {
    const config = sandboxConfig(sandbox);
    const action = createStackProvisionAction({
      config,
      urlReader: UrlReaders.default({
        config,
        logger: mockServices.logger.mock(),
      }),
      permissions: permissionsAnswering(AuthorizeResult.ALLOW),
    });
    const forgejo = sandbox.endpoints.forgejo.api;
    const ctx = createMockActionContext({
      input: {
        forgejoHost: new URL(forgejo).host,
        owner: 'platform',
        cluster: 'sandbox',
        stack: `${forgejo}/platform/stacks/src/branch/main/ref-implementation`,
        ...input,
      } as any,
      workspacePath: workspace.path,
      logger: mockServices.logger.mock() as any,
    });
    const outputs: Record<string, any> = {};
    (ctx.output as jest.Mock).mockImplementation((k, v) => (outputs[k] = v));
    const result = action.handler(ctx as any);
    return { ctx, outputs, result };
  };

  it('provisions the multi-application stack until every Application is Synced and Healthy', async () => {
    const { ctx, outputs, result } = await run({
      name: 'ref',
      values: { domain: 'edp.test' },
      valuesIn: ['*/manifests/*.yaml'],
      timeoutSeconds: 60,
    });
    await result;
    expect(
      outputs.applications.map((a: any) => `${a.name}:${a.sync}/${a.health}`),
    ).toEqual([
      'argo-workflows:Synced/Healthy',
      'backstage:Synced/Healthy',
      'external-secrets:Synced/Healthy',
      'keycloak:Synced/Healthy',
      'metric-server:Synced/Healthy',
    ]);
    expect(outputs.repositories).toHaveLength(5);
    const logged = (ctx.logger.info as jest.Mock).mock.calls.map(c => c[0]);
    expect(logged).toContain('Application argocd/keycloak: Synced/Healthy');

    // What ArgoCD deployed came from the pushed repository, values filled in.
    const cm = clusterObject('v1', 'ConfigMap', 'keycloak', 'keycloak-config');
    expect(cm.data.KC_HOSTNAME).toBe('edp.test');
  }, 90_000);

  it('changes nothing on a second run', async () => {
    const { outputs, result } = await run({
      name: 'ref',
      values: { domain: 'edp.test' },
      valuesIn: ['*/manifests/*.yaml'],
      timeoutSeconds: 60,
    });
    await result;
    expect(outputs.repositories.map((r: any) => r.action)).toEqual(
      Array(5).fill('unchanged'),
    );
    expect(
      outputs.applications.every(
        (a: any) => a.sync === 'Synced' && a.health === 'Healthy',
      ),
    ).toBe(true);
  }, 60_000);

  it('has ArgoCD refresh existing Applications whose repository got new content, and waits for the new revision', async () => {
    const { ctx, outputs, result } = await run({
      name: 'ref',
      values: { domain: 'edp2.test' },
      valuesIn: ['*/manifests/*.yaml'],
      timeoutSeconds: 60,
    });
    await result;
    const updated = outputs.repositories
      .filter((r: any) => r.action === 'updated')
      .map((r: any) => r.name);
    expect(updated).toContain('platform/ref-keycloak-manifests');
    // The resync interval is a minute here: only the refresh makes ArgoCD deploy the new commit
    // before the wait ends.
    const cm = clusterObject('v1', 'ConfigMap', 'keycloak', 'keycloak-config');
    expect(cm.data.KC_HOSTNAME).toBe('edp2.test');
    const app = clusterObject(
      'argoproj.io/v1alpha1',
      'Application',
      'argocd',
      'keycloak',
    );
    expect(
      app.metadata.annotations?.['argocd.argoproj.io/refresh'],
    ).toBeUndefined();
    const logged = (ctx.logger.info as jest.Mock).mock.calls.map(c => c[0]);
    expect(logged).toContain(
      'Application keycloak: new commit in its repository, refresh requested',
    );
  }, 60_000);

  it("fails at the timeout with each application's state, and a re-run after the fix completes without duplicates", async () => {
    const fs = require('node:fs') as typeof import('node:fs');
    copySampleStack('starter', workspace.path, 'broken');
    const appFile = `${workspace.path}/broken/starter-web.yaml`;
    const original = fs.readFileSync(appFile, 'utf8');
    // A path that does not exist in the repository: ArgoCD cannot sync it.
    fs.writeFileSync(
      appFile,
      original.replace(/path: ['"]\.['"]/, 'path: does-not-exist'),
    );
    const failing = await run({
      stack: 'broken',
      name: 'broken',
      timeoutSeconds: 2,
    });
    await expect(failing.result).rejects.toThrow(
      /Timed out after 2s with 1 of 1 not ready\. State so far: Application argocd\/starter-web: (?!Synced\/Healthy)/,
    );
    expect(failing.outputs.applications).toEqual([
      expect.objectContaining({ name: 'starter-web', namespace: 'argocd' }),
    ]);
    expect(failing.outputs.applications[0].health).not.toBe('Healthy');

    fs.writeFileSync(appFile, original);
    const fixed = await run({
      stack: 'broken',
      name: 'broken',
      timeoutSeconds: 30,
    });
    await fixed.result;
    expect(
      fixed.outputs.repositories.map((r: any) => `${r.name}:${r.action}`),
    ).toEqual(['platform/broken-web:unchanged']);
    expect(fixed.outputs.applications).toEqual([
      {
        name: 'starter-web',
        namespace: 'argocd',
        sync: 'Synced',
        health: 'Healthy',
      },
    ]);
  }, 60_000);

  it('provisions the showcase stack: Kustomize overlay, Helm chart with a values ref, ApplicationSet, templates and a shared folder', async () => {
    const forgejo = sandbox.endpoints.forgejo.api;
    const { ctx, outputs, result } = await run({
      stack: `${forgejo}/platform/stacks/src/branch/main/platform-showcase`,
      name: 'showcase',
      timeoutSeconds: 60,
    });
    await result;
    expect(
      outputs.applications.map((a: any) => `${a.name}:${a.sync}/${a.health}`),
    ).toEqual([
      'showcase-catalog:Synced/Healthy',
      'showcase-greeter:Synced/Healthy',
      'showcase-observability:Synced/Healthy',
      'showcase-payments:Synced/Healthy',
      'showcase-shop:Synced/Healthy',
      'showcase-templates:Synced/Healthy',
    ]);
    const warned = (ctx.logger.warn as jest.Mock).mock.calls.map(c => c[0]);
    expect(warned).toContain(
      'stack file kind-config.yaml, object 1 is a kind.x-k8s.io/v1alpha4/Cluster, not an ArgoCD Application; skipped',
    );
    expect(outputs.repositories.map((r: any) => r.dir).sort()).toEqual([
      '../common/observability',
      'charts/greeter',
      'services',
      'shop',
      'templates',
      'values',
    ]);
    expect(
      clusterObject('apps/v1', 'Deployment', 'shop-dev', 'storefront').spec
        .template.spec.containers[0].image,
    ).toBe('ghcr.io/example/storefront:1.5.0-rc.1');
    expect(
      clusterObject('v1', 'ConfigMap', 'greeter', 'greeter-settings').data
        .MESSAGE,
    ).toBe('Hallo from dev');
    expect(
      clusterObject('v1', 'ConfigMap', 'payments', 'payments-settings'),
    ).toBeDefined();
    const skeleton = await (
      await fetch(
        `${forgejo}/api/v1/repos/platform/showcase-templates/raw/scaffolder/web-app/skeleton/catalog-info.yaml`,
      )
    ).text();
    expect(skeleton).toContain('name: ${{ values.name }}');
  }, 90_000);

  it("fails a stack whose chart repository cannot be reached well within a minute, quoting ArgoCD's ComparisonError", async () => {
    const forgejo = sandbox.endpoints.forgejo.api;
    const started = Date.now();
    const { outputs, result } = await run({
      stack: `${forgejo}/platform/stacks/src/branch/main/broken-chart`,
      name: 'broken-chart',
      timeoutSeconds: 600,
      failureGraceSeconds: 3,
    });
    await expect(result).rejects.toThrow(
      /^Application argocd\/broken-ingress-nginx failed: ArgoCD reports ComparisonError: Failed to load target state: error fetching chart: failed to fetch chart: Error: looks like "https:\/\/charts\.unreachable\.invalid\/ingress-nginx" is not a valid chart repository or cannot be reached/,
    );
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(outputs.applications[0].message).toMatch(/^ComparisonError: /);
  }, 90_000);
});
