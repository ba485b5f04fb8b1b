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
  sandboxConfig,
  TestSandbox,
  stopSandbox,
} from '../__testUtils__/sandbox';
import { noUrlReader, permissionsAnswering } from '../__testUtils__/stacks';
import { createStackProvisionAction } from './stackProvision';

jest.setTimeout(30_000);

const application = (
  name: string,
  repoURL: string,
) => `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: ${name}
  namespace: argocd
spec:
  project: default
  destination:
    server: https://kubernetes.default.svc
    namespace: ${name}
  source:
    repoURL: ${repoURL}
    targetRevision: HEAD
    path: .
  syncPolicy:
    automated: {selfHeal: true}
    syncOptions: [CreateNamespace=true]
`;
const configMap = (name: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
data:
  greeting: hello
`;

/** Validation, ownership, values, collections and the lifecycle of reruns, against the Forgejo and Kubernetes stand-ins. */
describe('edp:stack:provision: what a platform team keeps in its stacks repository', () => {
  let sandbox: TestSandbox;
  const workspace = createMockDirectory();

  beforeAll(async () => {
    sandbox = await startTestSandbox(['forgejo', 'kubernetes']);
  }, 60_000);
  afterAll(() => stopSandbox(sandbox));
  beforeEach(() => workspace.clear());

  const write = (files: Record<string, string>) => {
    for (const [rel, content] of Object.entries(files)) {
      const file = path.join(workspace.path, rel);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, content);
    }
  };
  const forgejo = (p: string) =>
    fetch(`${sandbox.endpoints.forgejo.api}/api/v1${p}`, {
      headers: { authorization: `token ${FORGEJO_TOKEN}` },
    });
  const cluster = () =>
    (sandbox.standIns.get('kubernetes')!.state as any).cluster;
  const app = (name: string) =>
    cluster().find(
      cluster().type('argoproj.io/v1alpha1', 'Application'),
      'argocd',
      name,
    );

  const run = async (input: Record<string, unknown>) => {
    const action = createStackProvisionAction({
      config: sandboxConfig(sandbox),
      urlReader: noUrlReader,
      permissions: permissionsAnswering(AuthorizeResult.ALLOW),
    });
    const ctx = createMockActionContext({
      input: {
        forgejoHost: new URL(sandbox.endpoints.forgejo.api).host,
        owner: 'platform',
        cluster: 'sandbox',
        wait: false,
        ...input,
      } as any,
      workspacePath: workspace.path,
      logger: mockServices.logger.mock() as any,
    });
    const error = await action.handler(ctx as any).then(
      () => undefined,
      e => e as Error,
    );
    return {
      error,
      outputs: Object.fromEntries((ctx.output as jest.Mock).mock.calls),
      warnings: (ctx.logger.warn as jest.Mock).mock.calls.map(c => c[0]),
    };
  };

  it("never takes over another stack's Application silently, and changes nothing when it refuses", async () => {
    write({
      'owned/shared-app.yaml': application('shared-app', 'cnoe://app'),
      'owned/app/cm.yaml': configMap('a'),
    });
    expect(
      (await run({ stack: 'owned', name: 'first' })).error,
    ).toBeUndefined();

    const second = await run({ stack: 'owned', name: 'second' });
    expect(second.error?.message).toBe(
      'Application argocd/shared-app belongs to stack "first"; provisioning stack "second" would take it over. Rename it in stack file shared-app.yaml, object 1, remove it from stack "first", or set force: true',
    );
    expect((await forgejo('/repos/platform/second-app')).status).toBe(404);
    expect(app('shared-app').metadata.labels['edp.io/stack']).toBe('first');

    const forced = await run({ stack: 'owned', name: 'second', force: true });
    expect(forced.error).toBeUndefined();
    expect(app('shared-app').metadata.labels['edp.io/stack']).toBe('second');
  });

  it('refuses an Application created outside any stack, naming its field manager', async () => {
    cluster().create(
      cluster().type('argoproj.io/v1alpha1', 'Application'),
      'argocd',
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Application',
        metadata: { name: 'hand-made' },
        spec: {
          project: 'default',
          source: { repoURL: 'https://example.com/x.git' },
          destination: { server: 'https://kubernetes.default.svc' },
        },
      },
      { fieldManager: 'kubectl-client-side-apply' },
    );
    write({
      'hand/hand-made.yaml': application('hand-made', 'cnoe://app'),
      'hand/app/cm.yaml': configMap('a'),
    });
    const { error } = await run({ stack: 'hand', name: 'hand' });
    expect(error?.message).toMatch(
      /^Application argocd\/hand-made already exists and belongs to no stack \(managed by kubectl-client-side-apply\)/,
    );
    expect((await forgejo('/repos/platform/hand-app')).status).toBe(404);
  });

  it('validates kinds, names and folders before any push: a failing run leaves no repository behind', async () => {
    write({
      'invalid/good.yaml': application('good', 'cnoe://good'),
      'invalid/good/cm.yaml': configMap('a'),
      'invalid/bad.yaml': application('Bad_Name', 'cnoe://bad'),
      'invalid/bad/cm.yaml': configMap('b'),
    });
    const bad = await run({ stack: 'invalid', name: 'invalid' });
    expect(bad.error?.message).toMatch(
      /^stack file bad.yaml, object 1: Application name "Bad_Name" is not a valid Kubernetes name/,
    );
    expect((await forgejo('/repos/platform/invalid-good')).status).toBe(404);

    write({
      'invalid/bad.yaml': application('not-there', 'cnoe://missing-folder'),
    });
    const missing = await run({ stack: 'invalid', name: 'invalid' });
    expect(missing.error?.message).toBe(
      'cnoe://missing-folder names a folder that does not exist (or is empty) in the stacks repository',
    );
    expect((await forgejo('/repos/platform/invalid-good')).status).toBe(404);
    expect(app('good')).toBeUndefined();
  });

  it('skips non-Kubernetes YAML at the top of a stack with a warning naming the file, resolves cnoe://../ against the file, and pushes files byte-identical', async () => {
    const skeleton =
      'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${{ values.name }}\n';
    write({
      'platform/web/kind-config.yaml':
        'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n  - role: control-plane\n',
      'platform/web/values.yaml': 'replicas: 2\n',
      'platform/web/web.yaml': application('web', 'cnoe://../common/base'),
      'platform/web/templates.yaml': application('tpl', 'cnoe://templates'),
      'platform/web/templates/app/skeleton/catalog-info.yaml': skeleton,
      'platform/common/base/cm.yaml': configMap('web'),
    });
    const { error, outputs, warnings } = await run({
      stack: 'platform/web',
      name: 'web',
      values: { name: 'not-for-the-skeleton' },
    });
    expect(error).toBeUndefined();
    expect(warnings).toEqual([
      'stack file kind-config.yaml, object 1 is a kind.x-k8s.io/v1alpha4/Cluster, not an ArgoCD Application; skipped',
      'stack file values.yaml, object 1 is not a Kubernetes object (no apiVersion/kind); skipped',
    ]);
    expect(
      outputs.repositories.map((r: any) => `${r.dir} ${r.name}`).sort(),
    ).toEqual([
      '../common/base platform/web-common-base',
      'templates platform/web-templates',
    ]);
    const pushed = await (
      await forgejo(
        '/repos/platform/web-templates/raw/app/skeleton/catalog-info.yaml',
      )
    ).text();
    expect(pushed).toBe(skeleton);
    expect(app('web').spec.source.repoURL).toMatch(
      /\/platform\/web-common-base\.git$/,
    );
  });

  it('provisions a collection (a folder of stack folders) in one run', async () => {
    write({
      'collection/alpha/alpha.yaml': application('alpha', 'cnoe://manifests'),
      'collection/alpha/manifests/cm.yaml': configMap('alpha'),
      'collection/beta/beta.yaml': application('beta', 'cnoe://manifests'),
      'collection/beta/manifests/cm.yaml': configMap('beta'),
      'collection/README.md': 'two stacks\n',
    });
    const { error, outputs } = await run({
      stack: 'collection',
      name: 'both',
    });
    expect(error).toBeUndefined();
    expect(outputs.stacks).toEqual(['collection/alpha', 'collection/beta']);
    expect(outputs.repositories.map((r: any) => r.name).sort()).toEqual([
      'platform/both-alpha-manifests',
      'platform/both-beta-manifests',
    ]);
    expect(app('alpha').metadata.labels['edp.io/stack']).toBe('both');
    expect(app('beta').metadata.labels['edp.io/stack']).toBe('both');
  });

  it('reports added, changed, unchanged and removed Applications on a rerun, and prunes removed ones only when asked, keeping their repositories', async () => {
    write({
      'life/one.yaml': application('life-one', 'cnoe://one'),
      'life/one/cm.yaml': configMap('one'),
      'life/two.yaml': application('life-two', 'cnoe://two'),
      'life/two/cm.yaml': configMap('two'),
    });
    const first = await run({ stack: 'life', name: 'life' });
    expect(first.outputs.changes).toMatchObject({
      added: ['life-one', 'life-two'],
      removed: [],
    });

    fs.rmSync(path.join(workspace.path, 'life/two.yaml'));
    write({
      'life/one.yaml': application('life-one', 'cnoe://one').replace(
        'selfHeal: true',
        'selfHeal: false',
      ),
      'life/three.yaml': application('life-three', 'cnoe://one'),
    });
    const second = await run({ stack: 'life', name: 'life' });
    expect(second.outputs.changes).toEqual({
      added: ['life-three'],
      changed: ['life-one'],
      unchanged: [],
      removed: ['life-two'],
      pruned: false,
      keptRepositories: [expect.stringMatching(/\/platform\/life-two\.git$/)],
    });
    expect(second.warnings).toContainEqual(
      expect.stringContaining(
        'No longer in stack "life" but still in the cluster: life-two; run with prune: true',
      ),
    );
    expect(app('life-two')).toBeDefined();

    const third = await run({ stack: 'life', name: 'life', prune: true });
    expect(third.outputs.changes).toMatchObject({
      unchanged: ['life-one', 'life-three'],
      removed: ['life-two'],
      pruned: true,
    });
    expect(app('life-two')).toBeUndefined();
    expect((await forgejo('/repos/platform/life-two')).status).toBe(200);
  });
});
