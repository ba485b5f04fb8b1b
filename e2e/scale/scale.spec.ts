import { test, expect, shot } from '../fixtures';

/**
 * The golden paths on the scaled-out portal (e2e/playwright.scale.config.ts): the browser talks to
 * HAProxy on :7007, which names the replica of every answer in `X-EDP-Replica`
 * (scripts/scale/servers.ts).
 */
function replicasSeen(page: import('@playwright/test').Page): Set<string> {
  const seen = new Set<string>();
  page.on('response', response => {
    const replica = response.headers()['x-edp-replica'];
    if (replica && response.url().includes('/api/')) seen.add(replica);
  });
  return seen;
}

test.describe('the portal on PostgreSQL and Redis, two replicas behind HAProxy', () => {
  test("fills a component's ArgoCD and Forgejo cards, answered by both replicas", async ({
    page,
  }) => {
    const seen = replicasSeen(page);
    await page.goto('/catalog/default/component/payments-api');
    const dev = page.getByTestId('argocd-app-alpha-payments-api-dev');
    await expect(dev.getByText('Synced').first()).toBeVisible({
      timeout: 60_000,
    });
    await expect(
      page
        .getByRole('table', { name: /ArgoCD deployment history/i })
        .getByTestId('argocd-deployment')
        .first(),
    ).toBeVisible();
    const overview = page.getByTestId('forgejo-overview');
    await expect(overview.getByText(/^Latest commit on main$/i)).toBeVisible({
      timeout: 60_000,
    });
    await expect(overview.getByText(/^Default branch main/)).toBeVisible();
    await shot(page, 'scale-payments-api');
    // A page view is some twenty API requests; round robin spreads them over both replicas.
    expect([...seen].sort()).toEqual(['replica1', 'replica2']);
  });

  test('"Provision a stack" runs to the end on the replicas', async ({
    page,
  }) => {
    test.setTimeout(300_000);
    const formData = JSON.stringify({ stack: 'starter', name: 'scale-e2e' });
    await page.goto(
      `/create/templates/default/provision-stack?formData=${encodeURIComponent(
        formData,
      )}`,
    );
    await expect(page.getByText('Provision a stack').first()).toBeVisible();
    for (let i = 0; i < 5; i++) {
      const review = page.getByRole('button', { name: /^review$/i });
      if (await review.isVisible()) break;
      await page.getByRole('button', { name: /^next/i }).click();
    }
    await page.getByRole('button', { name: /^review$/i }).click();
    await page.getByRole('button', { name: /^create$/i }).click();
    await expect(
      page.getByRole('link', { name: /open the stack/i }),
    ).toBeVisible({ timeout: 240_000 });
    await expect(
      page.getByText(/starter-web: Synced \/ Healthy/),
    ).toBeVisible();
    await shot(page, 'scale-provision-done');
  });
});
