import path from 'node:path';
import { test, expect, shot } from '../fixtures';
import { serveStaticApp } from '../staticApp';

/**
 * packages/app-legacy: the portal on Backstage's legacy frontend system (createApp of
 * @backstage/app-defaults, EntityPage.tsx), built only from our packages' legacy exports. Its
 * production build (`./edp test` builds it before this suite) is served on :3001 and talks to the
 * suite's backend on :7007 (backend.cors.origin in e2e/app-config.e2e.yaml allows it).
 */
const LEGACY_PORT = 3001;
const LEGACY_DIST = path.resolve(
  __dirname,
  '..',
  '..',
  'packages',
  'app-legacy',
  'dist',
);

let stop: (() => Promise<void>) | undefined;
test.beforeAll(async () => {
  stop = await serveStaticApp(LEGACY_DIST, LEGACY_PORT);
});
test.afterAll(async () => {
  await stop?.();
});

// The fixture signs in as Guest on this origin: the legacy SignInPage with the guest provider.
test.use({ baseURL: `http://localhost:${LEGACY_PORT}` });

test.describe('Legacy frontend system app', () => {
  test('payments-api shows the Forgejo and ArgoCD cards and tabs with data from the sandbox', async ({
    page,
  }) => {
    await page.goto('/catalog/default/component/payments-api');

    // Forgejo overview and CI cards (EntityForgejoOverviewCard, EntityForgejoCiCard).
    const overview = page.getByTestId('forgejo-overview');
    await expect(overview).toBeVisible({ timeout: 30_000 });
    await expect(overview.getByTestId('forgejo-latest-commit')).toHaveAttribute(
      'href',
      /^http:\/\/127\.0\.0\.1:7101\/platform\/payments-api\/commit\/[0-9a-f]{40}$/,
    );
    await expect(page.getByTestId('ci-run').first()).toBeVisible();
    await expect(page.getByTestId('forgejo-error')).toHaveCount(0);

    // ArgoCD overview and history cards (EntityArgoCDOverviewCard, EntityArgoCDHistoryCard).
    const dev = page.getByTestId('argocd-app-alpha-payments-api-dev');
    await expect(dev).toBeVisible();
    await expect(dev.getByText('Synced').first()).toBeVisible();
    await expect(
      page.getByTestId('argocd-app-beta-payments-api-prod'),
    ).toBeVisible();
    const history = page.getByRole('table', {
      name: 'ArgoCD deployment history',
    });
    await expect(
      history.getByTestId('argocd-deployment').first(),
    ).toBeVisible();
    await shot(page, 'legacy-payments-api');

    // The tabs (EntityForgejoContent, EntityArgoCDResourcesContent), reached from the entity header.
    await page.getByRole('tab', { name: 'Forgejo' }).click();
    await expect(page).toHaveURL(
      /\/catalog\/default\/component\/payments-api\/forgejo$/,
    );
    await expect(page.getByTestId('pulls-row').first()).toBeVisible();
    await page.getByRole('tab', { name: 'ArgoCD' }).click();
    await page
      .getByRole('button', { name: 'Resources of payments-api-dev on alpha' })
      .click();
    await expect(
      page.getByTestId('argocd-resources-alpha-payments-api-dev'),
    ).toBeVisible();
    await shot(page, 'legacy-payments-api-argocd');
  });

  test('the EdpPlacement form field renders in the scaffolder, pre-filled with the portal defaults', async ({
    page,
  }) => {
    await page.goto('/create/templates/default/new-service');
    await page
      .getByLabel(/^Name\b/)
      .first()
      .fill('legacy-field-check');
    await page.getByRole('button', { name: /^next/i }).click();
    await expect(page.getByLabel(/^Forgejo host\b/).first()).toHaveValue(
      '127.0.0.1:7101',
    );
    await expect(page.getByLabel(/^Cluster\b/).first()).toHaveValue('sandbox');
    await expect(page.getByText('Portal default: sandbox.')).toBeVisible();
    await shot(page, 'legacy-new-service-placement');
  });
});
