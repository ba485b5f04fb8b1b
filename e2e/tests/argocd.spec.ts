import type { Locator } from '@playwright/test';
import path from 'node:path';
import { test, expect, setFault, shot } from '../fixtures';

/**
 * The ArgoCD cards (pluginId edp-argocd) against the ArgoCD stand-in: alpha (7111), beta (7112) and
 * gamma (7113), with a per-instance timeout of 3 s (app-config.sandbox.yaml).
 */
const INSTANCE_TIMEOUT_MS = 3_000;
const SHOTS = path.resolve(__dirname, '..', '..', 'e2e-results', 'screenshots');

/**
 * The table reads at the current viewport: every column header stays on one line (a crushed column
 * stacks its header one letter per line), and so do the application names and revision links.
 */
async function expectReadable(table: Locator) {
  for (const header of await table.getByRole('columnheader').all()) {
    const box = await header.boundingBox();
    expect(box?.height, `header "${await header.textContent()}"`).toBeLessThan(
      48,
    );
  }
  for (const link of await table.getByRole('link').all()) {
    const box = await link.boundingBox();
    expect(box?.height, `link "${await link.textContent()}"`).toBeLessThan(28);
  }
}

/** Saves a screenshot of just the card holding `table`, for looking at the layout. */
async function cardShot(table: Locator, name: string) {
  await table
    .locator('xpath=ancestor::*[contains(@class, "MuiCard-root")][1]')
    .screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

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

    // Readable in the main column of a laptop screen (1280 px, the default) and of a wide one.
    const overview = page.getByRole('table', { name: 'ArgoCD applications' });
    for (const width of [1280, 1920]) {
      await page.setViewportSize({ width, height: 900 });
      await expectReadable(overview);
      await expectReadable(history);
      await cardShot(overview, `argocd-payments-api-overview-${width}`);
      await cardShot(history, `argocd-payments-api-history-${width}`);
    }
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
    const overview = page.getByRole('table', { name: 'ArgoCD applications' });
    await expectReadable(overview);
    await cardShot(overview, 'argocd-inventory-gamma-hanging-overview');
  });
});
