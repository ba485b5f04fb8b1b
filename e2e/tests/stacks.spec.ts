import type { Locator, Page } from '@playwright/test';
import { test, expect, shot } from '../fixtures';

/**
 * The two golden-path templates (templates/provision-stack, templates/new-service) run in the portal
 * against the sandbox: Forgejo (7101) receives the repositories, the Kubernetes stand-in (7102) the
 * ArgoCD Applications, and the ArgoCD stand-in reconciles them. Names are unique per run, so the
 * suite can run again on a sandbox that is still up.
 */
const suffix = () => Date.now().toString(36).slice(-5);

/** Fills a text field of the template form by its title ("Name", "Name *"). */
async function fill(page: Page, title: string, value: string) {
  await page
    .getByLabel(new RegExp(`^${title}\\b`))
    .first()
    .fill(value);
}

/**
 * Opens the new entity from the task's output link. `catalog:register` returns before the catalog
 * has processed the new location, and the entity page does not retry a "not found": reload until
 * the entity is there, as a person would.
 */
async function openNewEntity(page: Page, link: Locator, title: string) {
  await link.click();
  // The page header shows the name from the URL even while the entity is not found: wait for the
  // About card, which only a loaded entity has.
  const heading = page.getByRole('heading', { name: title }).first();
  const about = page.getByRole('heading', { name: 'About' }).first();
  await expect(async () => {
    if (!(await about.isVisible())) await page.reload();
    await expect(about).toBeVisible({ timeout: 5_000 });
    await expect(heading).toBeVisible();
  }).toPass({ timeout: 60_000 });
}

/** Goes through the remaining form steps with their defaults and starts the task. */
async function reviewAndCreate(page: Page) {
  for (let i = 0; i < 5; i++) {
    const review = page.getByRole('button', { name: /^review$/i });
    if (await review.isVisible()) break;
    await page.getByRole('button', { name: /^next/i }).click();
  }
  await page.getByRole('button', { name: /^review$/i }).click();
  await page.getByRole('button', { name: /^create$/i }).click();
}

test.describe('golden-path templates', () => {
  test('"Provision a stack" provisions the CNOE reference stack and its page lists every application', async ({
    page,
  }) => {
    test.setTimeout(300_000);
    // A fixed name: a stack's Applications belong to it, so running the suite again on a sandbox
    // that is still up updates the same stack (and skips the catalog registration it has already).
    const name = 'ref-e2e';
    await page.goto('/create/templates/default/provision-stack');
    await expect(page.getByText('Provision a stack').first()).toBeVisible();
    await fill(page, 'Name', name);
    await shot(page, 'stacks-provision-form');
    await reviewAndCreate(page);

    // The task log shows each application's state as it changes; the output link appears at the end.
    const open = page.getByRole('link', { name: /open the stack/i });
    await expect(open).toBeVisible({ timeout: 240_000 });
    await shot(page, 'stacks-provision-task-done');

    const card = page.getByRole('table', { name: 'ArgoCD applications' });
    try {
      await openNewEntity(page, open, `Stack ${name}`);
      for (const app of [
        'argo-workflows',
        'backstage',
        'external-secrets',
        'keycloak',
        'metric-server',
      ]) {
        const row = card.getByTestId(new RegExp(`^argocd-app-[a-z]+-${app}$`));
        // The card polls every 30 s, should its first answer come before the applications.
        await expect(row).toBeVisible({ timeout: 45_000 });
        await expect(row.getByText('Synced').first()).toBeVisible();
        await expect(row.getByText('Healthy').first()).toBeVisible();
      }
    } finally {
      // Also when a row is missing: the page shows what the card got instead.
      await shot(page, 'stacks-provision-entity');
    }

    // The same template with the same values again: the stack is up to date, the catalog entry is
    // there already (no catalog:register 409), and the task log says what the run found.
    await page.goto('/create/templates/default/provision-stack');
    await fill(page, 'Name', name);
    await reviewAndCreate(page);
    await expect(
      page.getByRole('link', { name: /open the stack/i }),
    ).toBeVisible({ timeout: 120_000 });
    // A finished task opens its log; the viewer is virtualised, so the line is found by searching.
    const search = page.getByPlaceholder('Search', { exact: true });
    if (!(await search.isVisible())) {
      await page.getByRole('button', { name: 'More options' }).click();
      await page.getByRole('menuitem', { name: 'Show Logs' }).click();
    }
    await search.fill('5 unchanged');
    await expect(
      page
        .getByText(
          `Stack "${name}": 0 added, 0 changed, 5 unchanged, 0 removed`,
        )
        .first(),
    ).toBeVisible();
    await shot(page, 'stacks-provision-rerun-done');
  });

  test('"New service" creates the repository, the ArgoCD application and a component with both cards filled', async ({
    page,
  }) => {
    test.setTimeout(240_000);
    const name = `svc-${suffix()}`;
    await page.goto('/create/templates/default/new-service');
    await expect(page.getByText('New service').first()).toBeVisible();
    await fill(page, 'Name', name);
    await shot(page, 'stacks-new-service-form');
    await reviewAndCreate(page);

    const open = page.getByRole('link', { name: /open the component/i });
    await expect(open).toBeVisible({ timeout: 180_000 });
    await shot(page, 'stacks-new-service-task-done');

    await openNewEntity(page, open, name);
    // ArgoCD card: the new Application, deployed from the new repository.
    const row = page
      .getByRole('table', { name: 'ArgoCD applications' })
      .getByTestId(new RegExp(`^argocd-app-[a-z]+-${name}$`));
    await expect(row).toBeVisible({ timeout: 45_000 });
    await expect(row.getByText('Synced').first()).toBeVisible();
    // Forgejo card: the new repository.
    await expect(
      page.getByText(`platform/${name}`, { exact: true }).first(),
    ).toBeVisible();
    await shot(page, 'stacks-new-service-entity');
  });

  test('"New service" with a cluster the portal does not know stops at once and lists the configured ones', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await page.goto('/create/templates/default/new-service');
    await fill(page, 'Name', `bad-${suffix()}`);
    await page.getByRole('button', { name: /^next/i }).click();
    // Placement fields come pre-filled with the portal's edp.defaults (app-config.sandbox.yaml).
    await expect(page.getByLabel(/^Forgejo host\b/).first()).toHaveValue(
      '127.0.0.1:7101',
    );
    await expect(page.getByLabel(/^Cluster\b/).first()).toHaveValue('sandbox');
    await expect(page.getByText('Portal default: sandbox.')).toBeVisible();
    await shot(page, 'stacks-new-service-placement');
    await fill(page, 'Cluster', 'nowhere');
    await reviewAndCreate(page);

    // The first step fails before anything is created, naming the value, the config key and the choices.
    await expect(
      page
        .getByText(
          'The cluster "nowhere" (from parameter \'cluster\') is not configured under kubernetes.clusterLocatorMethods; configured: sandbox',
        )
        .first(),
    ).toBeVisible({ timeout: 60_000 });
    await shot(page, 'stacks-new-service-unknown-cluster');
  });

  test('"Provision a stack" provisions the platform showcase; its ArgoCD card lists every application, the generated ones included', async ({
    page,
  }) => {
    test.setTimeout(300_000);
    const name = 'showcase-e2e';
    await page.goto('/create/templates/default/provision-stack');
    await page
      .getByLabel(/^Stack\b/)
      .first()
      .click();
    await page.getByRole('option', { name: /^Platform showcase/ }).click();
    await fill(page, 'Name', name);
    await reviewAndCreate(page);

    const open = page.getByRole('link', { name: /open the stack/i });
    await expect(open).toBeVisible({ timeout: 240_000 });
    await shot(page, 'stacks-showcase-task-done');

    const card = page.getByRole('table', { name: 'ArgoCD applications' });
    try {
      await openNewEntity(page, open, `Stack ${name}`);
      for (const app of [
        'showcase-shop',
        'showcase-greeter',
        'showcase-templates',
        'showcase-observability',
        // generated by the ApplicationSet from the services/ folders
        'showcase-catalog',
        'showcase-payments',
      ]) {
        const row = card.getByTestId(new RegExp(`^argocd-app-[a-z]+-${app}$`));
        await expect(row).toBeVisible({ timeout: 45_000 });
        await expect(row.getByText('Synced').first()).toBeVisible();
        await expect(row.getByText('Healthy').first()).toBeVisible();
      }
    } finally {
      await shot(page, 'stacks-showcase-entity');
    }
  });

  test('"Provision a stack" with an unreachable chart repository fails within a minute with ArgoCD\'s reason on the task page', async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await page.goto('/create/templates/default/provision-stack');
    await page
      .getByLabel(/^Stack\b/)
      .first()
      .click();
    await page.getByRole('option', { name: /^Broken chart/ }).click();
    await fill(page, 'Name', 'broken-e2e');
    await reviewAndCreate(page);
    const started = Date.now();
    await expect(
      page
        .getByText(
          /Application argocd\/broken-ingress-nginx failed: ArgoCD reports ComparisonError: .*charts\.unreachable\.invalid/,
        )
        .first(),
    ).toBeVisible({ timeout: 90_000 });
    expect(Date.now() - started).toBeLessThan(60_000);
    await shot(page, 'stacks-broken-chart-failed');
  });
});
