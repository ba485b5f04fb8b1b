import { test, expect, shot } from '../fixtures';
import { PRIVILEGED, VISITOR, signInAs } from '../identity';

/**
 * The ArgoCD tab (resources, events, diffs), drift on the overview card and rollback from the
 * history card, against the ArgoCD stand-in's seeded broken applications: web-shop on alpha drifted
 * (replicas and image changed by hand), inventory on beta unhealthy (its Deployment Degraded).
 */
test.describe('ArgoCD resources, drift and rollback', () => {
  test('web-shop shows its drift on the overview and the desired-vs-live diff in the ArgoCD tab', async ({
    page,
  }) => {
    await page.goto('/catalog/default/component/web-shop');
    const row = page.getByTestId('argocd-app-alpha-web-shop');
    await expect(row.getByTestId('argocd-drift')).toContainText(
      /^2 resources drifted since/,
    );

    await page.goto('/catalog/default/component/web-shop/argocd');
    await page
      .getByRole('button', { name: 'Resources of web-shop on alpha' })
      .click();
    const panel = page.getByTestId('argocd-resources-alpha-web-shop');
    await panel
      .getByRole('button', { name: 'Diff of Deployment web-shop' })
      .click();
    const diff = panel.getByTestId('argocd-diff-Deployment-web-shop');
    await expect(diff).toContainText('- "replicas": 3,');
    await expect(diff).toContainText('+ "replicas": 1,');
    await expect(diff).toContainText(
      '+ "image": "registry.sandbox.local/web-shop:2.5.3"',
    );
    await shot(page, 'argocd-resources-web-shop-diff');
  });

  test('inventory on beta shows its broken Deployment first, with its message and events', async ({
    page,
  }) => {
    await page.goto('/catalog/default/component/inventory-service/argocd');
    await page
      .getByRole('button', { name: 'Resources of inventory on beta' })
      .click();
    const panel = page.getByTestId('argocd-resources-beta-inventory');
    const first = panel.getByRole('table').first().locator('tbody tr').first();
    await expect(first).toContainText('Deployment');
    await expect(first).toContainText('Degraded');
    await expect(first).toContainText(
      'Deployment "inventory" exceeded its progress deadline',
    );
    await expect(panel.getByText('ProgressDeadlineExceeded')).toBeVisible();
    await panel
      .getByRole('button', { name: 'Diff of Deployment inventory' })
      .click();
    await expect(
      panel.getByTestId('argocd-diff-Deployment-inventory'),
    ).toContainText('- "memory": "2Gix"');
    await shot(page, 'argocd-resources-inventory-beta');
  });

  test('the privileged guest rolls inventory on alpha back, turning automated sync off, and the history shows it', async ({
    page,
  }) => {
    await page.goto('/catalog/default/component/inventory-service');
    const button = page
      .getByRole('button', { name: /^Roll back inventory on alpha to / })
      .first();
    const label = (await button.getAttribute('aria-label')) ?? '';
    const revision = label.slice(-7);
    await button.click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText(revision);
    const confirm = dialog.getByRole('button', { name: 'Roll back' });
    // inventory syncs automatically on alpha: ArgoCD's rule, shown before the user can confirm.
    await expect(confirm).toBeDisabled();
    await dialog.getByLabel('Turn off automated sync of inventory').check();
    await confirm.click();
    await expect(dialog).toBeHidden();

    // The card asks again until ArgoCD has deployed it (the backend's cache lives 15 s).
    const history = page.getByRole('table', {
      name: 'ArgoCD deployment history',
    });
    const newestOnAlpha = history
      .getByTestId('argocd-deployment')
      .filter({ hasText: 'on alpha' })
      .first();
    await expect(newestOnAlpha).toContainText(revision, { timeout: 60_000 });
    await expect(newestOnAlpha).toContainText('by ');
    await shot(page, 'argocd-rollback-inventory-alpha');
  });
});

test.describe('a user outside the privileged groups', () => {
  test.beforeAll(async () => {
    await signInAs(VISITOR);
  });
  test.afterAll(async () => {
    await signInAs(PRIVILEGED);
  });

  test('sees the history and the ArgoCD tab but neither Roll back nor Sync', async ({
    page,
  }) => {
    await page.goto('/catalog/default/component/inventory-service');
    const history = page.getByRole('table', {
      name: 'ArgoCD deployment history',
    });
    await expect(
      history.getByTestId('argocd-deployment').first(),
    ).toBeVisible();
    await expect(page.getByRole('button', { name: /^Roll back / })).toHaveCount(
      0,
    );
    await expect(page.getByRole('button', { name: /^Sync / })).toHaveCount(0);

    await page.goto('/catalog/default/component/inventory-service/argocd');
    await page
      .getByRole('button', { name: 'Resources of inventory on beta' })
      .click();
    await expect(
      page
        .getByTestId('argocd-resources-beta-inventory')
        .getByText('Degraded')
        .first(),
    ).toBeVisible();
  });
});
