import { DEMO_COMPONENTS } from '../demoCatalog';
import { test, expect, shot } from '../fixtures';

test.describe('the portal', () => {
  test('signs in as guest and lists the demo catalog', async ({ page }) => {
    await page
      .getByTestId('sidebar-root')
      .getByRole('link', { name: 'Catalog', exact: true })
      .click();
    await expect(
      page.getByRole('heading', { name: /EDP Orchestrator demo Catalog/i }),
    ).toBeVisible();
    // The guest owns the portal's own component through its group; the demo components belong to developers.
    await expect(
      page.getByRole('heading', { name: 'Owned Components (1)' }).first(),
    ).toBeVisible();
    await page.getByRole('menuitem', { name: /^All/ }).click();
    // The demo components come from catalog discovery in the sandbox's Forgejo organisations
    // `platform` and `labs`, each repository read on its own default branch.
    for (const name of DEMO_COMPONENTS) {
      await expect(page.getByRole('link', { name, exact: true })).toBeVisible({
        timeout: 60_000,
      });
    }
    await shot(page, 'portal-catalog');
  });

  test("shows a demo component's page", async ({ page }) => {
    await page.goto('/catalog/default/component/payments-api');
    await expect(
      page.getByRole('heading', { name: 'payments-api' }).first(),
    ).toBeVisible();
    await expect(page.getByText('Takes payments for the shop.')).toBeVisible();
    await expect(
      page.getByRole('link', { name: 'shop' }).first(),
    ).toBeVisible();
    await shot(page, 'portal-payments-api');
  });

  test('resolves the guest to the catalog user in the platform-engineers group', async ({
    page,
  }) => {
    await page.goto('/catalog/default/user/guest');
    await expect(
      page.getByText('Guest (platform engineer)').first(),
    ).toBeVisible();
    await expect(
      page.getByRole('link', { name: 'platform-engineers' }).first(),
    ).toBeVisible();
    await shot(page, 'portal-guest-user');
  });
});
