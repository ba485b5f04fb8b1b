import type { Locator } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { test, expect, setFault, clearFaults, shot } from '../fixtures';

const SHOTS = path.resolve(__dirname, '..', '..', 'e2e-results', 'screenshots');

/** A close-up of one card, next to the full-page shots, to check how it reads. */
async function cardShot(card: Locator, name: string) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await card.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

/**
 * Fails when a container that clips its content (overflow other than visible, e.g. the entity
 * page's sticky side column, capped at the window height) cuts off part of the element: what a
 * person sees as a card ending in the middle. Checked with the page at its top, as it opens.
 */
async function expectNotClippedByAContainer(element: Locator) {
  await element.page().evaluate(() => window.scrollTo(0, 0));
  const clippedBy = await element.evaluate(el => {
    const r = el.getBoundingClientRect();
    for (
      let a = el.parentElement;
      a && a !== document.body;
      a = a.parentElement
    ) {
      const style = getComputedStyle(a);
      if (style.overflowX === 'visible' && style.overflowY === 'visible')
        continue;
      const box = a.getBoundingClientRect();
      if (
        r.top < box.top - 1 ||
        r.bottom > box.bottom + 1 ||
        r.left < box.left - 1 ||
        r.right > box.right + 1
      ) {
        return `${a.tagName}.${a.className} cuts it at ${Math.round(
          box.bottom - r.top,
        )} of ${Math.round(r.height)} px`;
      }
    }
    return null;
  });
  expect(clippedBy).toBeNull();
}

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

    // Every field the issue lists for the overview card is there and shown whole.
    await expect(
      overview.getByText(/^Takes payments for the shop/),
    ).toBeVisible();
    for (const badge of ['Public', 'payments', 'service']) {
      await expect(overview.getByText(badge, { exact: true })).toBeVisible();
    }
    await expect(overview.getByText(/^Default branch main/)).toBeVisible();
    for (const stat of [
      'stars',
      'forks',
      'watchers',
      'open-issues',
      'open-pull-requests',
    ]) {
      await expect(overview.getByTestId(`stat-${stat}`)).toHaveText(/^\d+\D+$/);
    }
    await expect(overview.getByText(/Latest release \S+/)).toBeVisible();
    for (const link of [
      'Repository',
      'Commits',
      'Pull requests',
      'Issues',
      'Releases',
      'Actions',
    ]) {
      // External links are named "<text> , Opens in a new window".
      await expect(
        overview.getByRole('link', { name: new RegExp(`^${link} ,`) }),
      ).toHaveAttribute(
        'href',
        /^http:\/\/127\.0\.0\.1:7101\/platform\/payments-api/,
      );
    }
    await expectNotClippedByAContainer(
      page.getByTestId('forgejo-overview-card'),
    );

    await expect(page.getByText('Forgejo CI', { exact: true })).toBeVisible();
    await expect(page.getByText('From Forgejo Actions runs')).toBeVisible();
    await expect(page.getByTestId('ci-run').first()).toBeVisible();
    await expect(page.getByTestId('forgejo-error')).toHaveCount(0);
    // Refs and hashes stay on one line each (a hash broken in two reads as two).
    const codeHeights = await page
      .getByTestId('ci-run')
      .locator('code')
      .evaluateAll(els => els.map(el => el.getBoundingClientRect().height));
    expect(codeHeights.length).toBeGreaterThan(0);
    expect(Math.max(...codeHeights)).toBeLessThan(24);
    // The full page as it opens (the close-ups below scroll it).
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, 'forgejo-payments-api-overview');
    await cardShot(
      page.getByTestId('forgejo-overview-card'),
      'forgejo-overview-card',
    );
    await cardShot(page.getByTestId('forgejo-ci-card'), 'forgejo-ci-card');

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

  test('a component discovered on a release/ default branch shows that branch on its card', async ({
    page,
  }) => {
    await page.goto('/catalog/default/component/search-ranking');
    await expect(page.getByText('labs/search-ranking').first()).toBeVisible({
      timeout: 30_000,
    });
    await expect(page.getByText('release/2026.11').first()).toBeVisible();
    await expect(page.getByTestId('forgejo-error')).toHaveCount(0);
    await shot(page, 'forgejo-search-ranking');
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
    await cardShot(overviewCard, 'forgejo-overview-card-error');

    // Retry asks the backend for fresh data, so the card recovers as soon as Forgejo does.
    await clearFaults();
    await error.getByRole('button', { name: 'Retry' }).click();
    await expect(overviewCard.getByTestId('forgejo-overview')).toBeVisible({
      timeout: 15_000,
    });
  });
});
