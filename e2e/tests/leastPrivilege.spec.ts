/**
 * Issue 11, "done when": a signed-in user who is not in edp.permission.privilegedGroups changes no
 * cluster, ArgoCD or Forgejo and sees no private repository data, in the browser and through the API.
 * The guest sign-in is switched to such a user (e2e/identity.ts) for this file only.
 */
import yaml from 'yaml';
import { examples as kubernetesApply } from '../../plugins/scaffolder-backend-module-stacks/src/actions/kubernetesApply.examples';
import { examples as argocdApplicationCreate } from '../../plugins/scaffolder-backend-module-stacks/src/actions/argocdApplicationCreate.examples';
import { examples as stackProvision } from '../../plugins/scaffolder-backend-module-stacks/src/actions/stackProvision.examples';
import { examples as terraformRun } from '../../plugins/scaffolder-backend-module-terraform/src/actions/run.examples';
import { examples as publishForgejo } from '../../plugins/scaffolder-backend-module-forgejo/src/actions/publishForgejo.examples';
import { expect, shot, test } from '../fixtures';
import { PRIVILEGED, VISITOR, signInAs } from '../identity';
import { api, forgejoRepoExists, runTemplate } from '../backendApi';

/** Each action that changes something with the backend's credentials, with its first documented use. */
const MUTATING: Record<string, string> = {
  'edp:kubernetes:apply': kubernetesApply[0].example,
  'edp:argocd:application:create': argocdApplicationCreate[0].example,
  'edp:stack:provision': stackProvision[0].example,
  'edp:terraform:run': terraformRun[0].example,
  'publish:forgejo': publishForgejo[0].example,
};

/** A template of the user's own whose only step is the action's example. */
const ownTemplate = (actionId: string) => ({
  apiVersion: 'scaffolder.backstage.io/v1beta3',
  kind: 'Template',
  metadata: { name: `visitor-${actionId.replace(/[^a-z]+/g, '-')}` },
  spec: {
    owner: VISITOR.userEntityRef,
    type: 'service',
    parameters: [],
    steps: yaml
      .parse(MUTATING[actionId])
      .steps.filter((s: any) => s.action === actionId)
      .slice(0, 1),
  },
});

test.describe('a user outside the privileged groups', () => {
  let token = '';
  test.beforeAll(async () => {
    token = await signInAs(VISITOR);
  });
  test.afterAll(async () => {
    await signInAs(PRIVILEGED);
  });

  test('sees ArgoCD applications without a Sync button, and no data of a private repository', async ({
    page,
  }) => {
    await page.goto('/catalog/default/component/payments-api');
    const dev = page.getByTestId('argocd-app-alpha-payments-api-dev');
    await expect(dev.getByText('Synced').first()).toBeVisible();
    await expect(page.getByRole('button', { name: /^Sync / })).toHaveCount(0);
    // A public repository stays visible to everyone.
    await expect(page.getByTestId('forgejo-overview')).toBeVisible();

    await page.goto('/catalog/default/component/recommender');
    const card = page.getByTestId('forgejo-overview-card');
    await expect(card.getByText('You may not see this repository')).toBeVisible(
      {
        timeout: 30_000,
      },
    );
    await expect(card.getByText(/Ask its owners for access/)).toBeVisible();
    await expect(page.getByTestId('forgejo-overview')).toHaveCount(0);
    await expect(page.getByText(/Default branch develop/)).toHaveCount(0);
    await shot(page, 'least-privilege-private-repository');

    await page.goto('/catalog/default/component/recommender/forgejo');
    await expect(page.getByText('You may not see this repository')).toBeVisible(
      {
        timeout: 30_000,
      },
    );
    await expect(page.getByTestId('pulls-row')).toHaveCount(0);
  });

  test('gets 403 for a write through the kubernetes proxy, and nothing is created', async () => {
    const res = await api(
      token,
      'POST',
      '/api/kubernetes/proxy/api/v1/namespaces/kube-system/secrets',
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'visitor-planted' },
        stringData: { token: 'x' },
      },
      { 'Backstage-Kubernetes-Cluster': 'sandbox' },
    );
    expect(res.status, res.text).toBe(403);
  });

  test('cannot register a location holding a template of its own', async () => {
    const res = await api(token, 'POST', '/api/catalog/locations', {
      type: 'url',
      target:
        'http://127.0.0.1:7101/platform/visitor/src/branch/main/template.yaml',
    });
    expect(res.status, res.text).toBe(403);
  });

  for (const actionId of Object.keys(MUTATING)) {
    test(`is refused ${actionId} in a dry-run of its own template`, async () => {
      const template = ownTemplate(actionId);
      expect(template.spec.steps).toHaveLength(1);
      const res = await api(token, 'POST', '/api/scaffolder/v2/dry-run', {
        template,
        values: {},
        directoryContents: [],
      });
      expect(res.status, res.text).toBe(403);
      expect(res.text).toMatch(/NotAllowedError/);
      expect(res.text).toContain(actionId);
    });
  }

  test('is refused the mutating step of every shipped template in a real run, and nothing is created', async () => {
    const owner = VISITOR.userEntityRef;
    // The first step that acts with the backend's credentials is refused, so nothing after it runs.
    const runs: [string, Record<string, unknown>, RegExp][] = [
      ['new-service', { name: 'visitor-svc', owner }, /publish:forgejo/],
      [
        'provision-stack',
        { stack: 'starter', name: 'visitor', owner },
        /edp:stack:provision/,
      ],
      [
        'terraform-run',
        { module: 'random-pet', name: 'visitor-pet', owner },
        /edp:terraform:(run|module:fetch)/,
      ],
    ];
    for (const [name, values, refused] of runs) {
      const run = await runTemplate(token, name, values);
      expect({ name, status: run.status }).toEqual({ name, status: 'failed' });
      expect(run.events).toMatch(/NotAllowedError|not allowed/);
      expect(run.events).toMatch(refused);
    }
    expect(await forgejoRepoExists('platform/visitor-svc')).toBe(false);
    expect(await forgejoRepoExists('platform/visitor-stack')).toBe(false);
  });

  test('has the injection values of issue 11 refused by the parameter schema', async () => {
    for (const values of [
      {
        name: 'visitor-inject',
        owner: VISITOR.userEntityRef,
        image: 'nginx\n---\napiVersion: v1\nkind: Secret',
      },
      {
        name: 'visitor-inject',
        owner: 'group:default/developers\n---\nkind: Template',
      },
    ]) {
      const res = await api(token, 'POST', '/api/scaffolder/v2/tasks', {
        templateRef: 'template:default/new-service',
        values,
      });
      expect(res.status, res.text).toBe(400);
      expect(res.text).toMatch(/does not match pattern/);
    }
  });
});

test.describe('the privileged guest', () => {
  test.beforeAll(async () => {
    await signInAs(PRIVILEGED);
  });

  test('still sees the private repository and the Sync button', async ({
    page,
  }) => {
    await page.goto('/catalog/default/component/recommender');
    await expect(page.getByTestId('forgejo-overview')).toBeVisible({
      timeout: 30_000,
    });
    await expect(page.getByText('labs/recommender').first()).toBeVisible();
    await page.goto('/catalog/default/component/payments-api');
    await expect(
      page.getByRole('button', { name: 'Sync payments-api-dev on alpha' }),
    ).toBeVisible();
  });
});
