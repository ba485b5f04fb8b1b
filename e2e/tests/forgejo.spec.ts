import { test, expect, setFault, clearFaults, shot } from '../fixtures';

/**
 * The Forgejo cards (pluginId forgejo, /api/forgejo) against the Forgejo stand-in on 7101.
 * app-config.sandbox.yaml caches card answers for 10 s, so a fault shows after at most one TTL.
 */
const CACHE_TTL_MS = 10_000;

test.describe('Forgejo cards', () => {
  test('payments-api shows its repository overview and CI runs from the stand-in', async ({
    page,
  }) => {
    await page.goto('/catalog/default/component/payments-api');

    const overview = page.getByTestId('forgejo-overview');
    await expect(overview).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText('platform/payments-api').first()).toBeVisible();
    await expect(overview.getByText(/^Latest commit on main$/i)).toBeVisible();
    await expect(overview.getByTestId('stat-open-pull-requests')).toBeVisible();
    await expect(overview.getByTestId('stat-open-issues')).toBeVisible();
    await expect(overview.getByLabel('Languages')).toBeVisible();
    // The latest commit links to its page in the stand-in and carries its combined CI status.
    await expect(overview.getByTestId('forgejo-latest-commit')).toHaveAttribute(
      'href',
      /^http:\/\/127\.0\.0\.1:7101\/platform\/payments-api\/commit\/[0-9a-f]{40}$/,
    );
    await expect(overview.getByTestId(/^status-/).first()).toBeVisible();
    await expect(
      overview.getByRole('link', { name: /\d+\.\d+\.\d+/ }).first(),
    ).toHaveAttribute('href', /\/platform\/payments-api\/releases\/tag\//);

    await expect(page.getByText('Forgejo CI', { exact: true })).toBeVisible();
    await expect(page.getByText('From Forgejo Actions runs')).toBeVisible();
    await expect(page.getByTestId('ci-run').first()).toBeVisible();
    await expect(page.getByTestId('forgejo-error')).toHaveCount(0);
    await shot(page, 'forgejo-payments-api-overview');

    // The entity's "Forgejo" tab.
    await page.goto('/catalog/default/component/payments-api/forgejo');
    await expect(page.getByTestId('pulls-row').first()).toBeVisible({
      timeout: 30_000,
    });
    await expect(page.getByText(/Page 1( of \d+)?/)).toBeVisible();
    await page.getByRole('tab', { name: 'Commits' }).click();
    await expect(page.getByTestId('commits-row').first()).toBeVisible();
    await shot(page, 'forgejo-payments-api-tab');
  });

  test('web-shop finds its repository from its source location', async ({
    page,
  }) => {
    await page.goto('/catalog/default/component/web-shop');
    await expect(page.getByText('platform/web-shop').first()).toBeVisible({
      timeout: 30_000,
    });
    await expect(page.getByTestId('forgejo-error')).toHaveCount(0);
  });

  test('with Forgejo failing, the cards show a readable error with Retry, and recover', async ({
    page,
  }) => {
    await setFault('forgejo', { errorRate: 1 });
    await page.goto('/catalog/default/component/payments-api');
    const overviewCard = page.getByTestId('forgejo-overview-card');
    const ciCard = page.getByTestId('forgejo-ci-card');
    const error = overviewCard.getByTestId('forgejo-error');
    // An answer cached by an earlier test is served until the TTL runs out; reload until it has.
    await expect(async () => {
      await page.reload();
      await expect(error).toBeVisible({ timeout: 5_000 });
      await expect(ciCard.getByTestId('forgejo-error')).toBeVisible({
        timeout: 5_000,
      });
    }).toPass({ timeout: CACHE_TTL_MS * 4 });
    await expect(error).toContainText('Forgejo could not be read');
    await expect(error).toContainText(
      /Forgejo at 127\.0\.0\.1:7101 failed on .* with HTTP 503/,
    );
    await expect(error.getByRole('button', { name: 'Retry' })).toBeVisible();
    await expect(ciCard.getByRole('button', { name: 'Retry' })).toBeVisible();
    await shot(page, 'forgejo-payments-api-upstream-failing');

    // Retry asks the backend for fresh data, so the card recovers as soon as Forgejo does.
    await clearFaults();
    await error.getByRole('button', { name: 'Retry' }).click();
    await expect(overviewCard.getByTestId('forgejo-overview')).toBeVisible({
      timeout: 15_000,
    });
  });
});
