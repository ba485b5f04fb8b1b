import type { Page } from '@playwright/test';
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
    const name = `ref-${suffix()}`;
    await page.goto('/create/templates/default/provision-stack');
    await expect(page.getByText('Provision a stack').first()).toBeVisible();
    await fill(page, 'Name', name);
    await shot(page, 'stacks-provision-form');
    await reviewAndCreate(page);

    // The task log shows each application's state as it changes; the output link appears at the end.
    const open = page.getByRole('link', { name: /open the stack/i });
    await expect(open).toBeVisible({ timeout: 240_000 });
    await shot(page, 'stacks-provision-task-done');

    await open.click();
    await expect(page.getByText(`Stack ${name}`).first()).toBeVisible();
    const card = page.getByRole('table', { name: 'ArgoCD applications' });
    for (const app of [
      'argo-workflows',
      'backstage',
      'external-secrets',
      'keycloak',
      'metric-server',
    ]) {
      const row = card.getByTestId(new RegExp(`^argocd-app-[a-z]+-${app}$`));
      await expect(row).toBeVisible();
      await expect(row.getByText('Synced').first()).toBeVisible();
      await expect(row.getByText('Healthy').first()).toBeVisible();
    }
    await shot(page, 'stacks-provision-entity');
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

    await open.click();
    await expect(page.getByRole('heading', { name }).first()).toBeVisible();
    // ArgoCD card: the new Application, deployed from the new repository.
    const row = page
      .getByRole('table', { name: 'ArgoCD applications' })
      .getByTestId(new RegExp(`^argocd-app-[a-z]+-${name}$`));
    await expect(row).toBeVisible();
    await expect(row.getByText('Synced').first()).toBeVisible();
    // Forgejo card: the new repository.
    await expect(
      page.getByText(`platform/${name}`, { exact: true }).first(),
    ).toBeVisible();
    await shot(page, 'stacks-new-service-entity');
  });
});
