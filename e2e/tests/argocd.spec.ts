import { test, expect, setFault, shot } from '../fixtures';

/**
 * The ArgoCD cards (pluginId edp-argocd) against the ArgoCD stand-in: alpha (7111), beta (7112) and
 * gamma (7113), with a per-instance timeout of 3 s (app-config.sandbox.yaml).
 */
const INSTANCE_TIMEOUT_MS = 3_000;

test.describe('ArgoCD cards', () => {
  test('payments-api shows its applications on two instances and their deployment history', async ({
    page,
  }) => {
    await page.goto('/catalog/default/component/payments-api');

    const dev = page.getByTestId('argocd-app-alpha-payments-api-dev');
    const prod = page.getByTestId('argocd-app-beta-payments-api-prod');
    await expect(dev).toBeVisible();
    await expect(prod).toBeVisible();
    await expect(dev.getByText('Synced').first()).toBeVisible();
    // The revision links to the commit in the Forgejo stand-in.
    await expect(
      dev.getByRole('link', { name: /^[0-9a-f]{7}/ }),
    ).toHaveAttribute(
      'href',
      /^http:\/\/127\.0\.0\.1:7101\/platform\/payments-api\/commit\/[0-9a-f]{40}$/,
    );
    // The guest is a platform engineer, so the backend allows Refresh and Sync.
    await expect(
      page.getByRole('button', { name: 'Sync payments-api-dev on alpha' }),
    ).toBeVisible();

    const history = page.getByRole('table', {
      name: 'ArgoCD deployment history',
    });
    await expect(
      history.getByTestId('argocd-deployment').first(),
    ).toBeVisible();
    await expect(history.getByTestId('argocd-deployment')).toHaveCount(10); // one page of the backend's cap
    // Author and message arrive lazily from the revision metadata.
    await expect(history.getByText(/@shop\.example/).first()).toBeVisible();
    await shot(page, 'argocd-payments-api');
  });

  test('with gamma hanging, inventory-service still shows alpha and beta, and gamma as an error row', async ({
    page,
  }) => {
    await setFault('argocd/gamma', { hang: true });
    await page.goto('/catalog/default/component/inventory-service');
    const rows = ['alpha', 'beta'].map(i =>
      page.getByTestId(`argocd-app-${i}-inventory`),
    );
    const gammaError = page
      .getByRole('table', { name: 'ArgoCD applications' })
      .getByTestId('argocd-error-gamma');
    // A page loaded earlier may have cached gamma's answer for a few seconds; a reload then shows the
    // error once the backend's background refresh has timed out.
    await expect(async () => {
      await page.reload();
      for (const row of rows)
        await expect(row).toBeVisible({ timeout: INSTANCE_TIMEOUT_MS + 5_000 });
      await expect(gammaError).toBeVisible({
        timeout: INSTANCE_TIMEOUT_MS + 2_000,
      });
    }).toPass({ timeout: 60_000 });
    await expect(gammaError).toContainText(
      /did not answer (the login )?within 3000 ms/,
    );
    await shot(page, 'argocd-inventory-gamma-hanging');
  });
});
