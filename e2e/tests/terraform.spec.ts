import type { Page } from '@playwright/test';
import { test, expect, shot } from '../fixtures';

/**
 * The terraform-run template (templates/terraform-run) with the sandbox's terraform stand-in:
 * pass 1 plans the random-pet module and shows the plan; its "Approve and apply this plan" link
 * opens pass 2 with the plan digest filled in, which applies exactly that plan, publishes the
 * Resource entity to the Forgejo stand-in and registers it.
 */
const TASK_TIMEOUT = 120_000;

/** Walks the two parameter pages (values already set) and starts the task. */
async function createFromForm(page: Page) {
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page).toHaveURL(/\/create\/tasks\//);
}

async function showLogs(page: Page) {
  const toggle = page.getByRole('button', { name: /show logs/i });
  if (await toggle.isVisible()) await toggle.click();
}

test.describe('terraform-run template', () => {
  test.setTimeout(4 * TASK_TIMEOUT);

  test('plans, shows the plan, applies the approved plan and registers a Resource with the outputs', async ({
    page,
  }) => {
    const name = `tf-e2e-${Date.now().toString(36)}`;

    // Pass 1: plan only.
    await page.goto('/create/templates/default/terraform-run');
    await expect(
      page.getByText('Run a Terraform module').first(),
    ).toBeVisible();
    await page.getByRole('textbox', { name: /Resource name/ }).fill(name);
    await page.getByRole('textbox', { name: /Prefix/ }).fill('e2e');
    await createFromForm(page);

    await expect(
      page.getByText('Plan: 2 to add, 0 to change, 0 to destroy.').first(),
    ).toBeVisible({
      timeout: TASK_TIMEOUT,
    });
    await expect(page.getByText(/Plan digest: [0-9a-f]{16}/)).toBeVisible();
    await showLogs(page);
    // Readable plan lines from the JSON stream, one per resource.
    await expect(
      page.getByText('+ create random_pet.name').first(),
    ).toBeVisible();
    await expect(
      page.getByText('+ create random_id.suffix').first(),
    ).toBeVisible();
    await shot(page, 'terraform-plan');

    // Approve: the link carries the answers and the digest to a second run of the template.
    const approve = page.getByRole('link', {
      name: 'Approve and apply this plan',
    });
    await expect(approve).toBeVisible();
    await approve.click();
    await expect(
      page.getByRole('textbox', { name: /Resource name/ }),
    ).toHaveValue(name);
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(
      page.getByRole('textbox', { name: /Approved plan digest/ }),
    ).toHaveValue(/^[0-9a-f]{16}$/);
    await shot(page, 'terraform-approve');
    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByRole('button', { name: 'Create' }).click();
    await expect(page).toHaveURL(/\/create\/tasks\//);

    // Pass 2: apply, with outputs in the task output and the log.
    await expect(
      page.getByText('Applied: 2 added, 0 changed, 0 destroyed.').first(),
    ).toBeVisible({
      timeout: TASK_TIMEOUT,
    });
    await expect(page.getByText(/"name":"e2e-[a-z-]+"/).first()).toBeVisible();
    await showLogs(page);
    await expect(
      page
        .getByText(
          'Apply complete! Resources: 2 added, 0 changed, 0 destroyed.',
        )
        .first(),
    ).toBeVisible();
    await shot(page, 'terraform-apply');

    // The created entity's page shows the outputs. The catalog processes the new location
    // asynchronously, so the page may first say the entity is missing: reload until it is there.
    await page
      .getByRole('link', { name: 'Open the resource in the catalog' })
      .click();
    await expect(async () => {
      await page.reload();
      await expect(page.getByRole('heading', { name }).first()).toBeVisible({
        timeout: 5_000,
      });
    }).toPass({ timeout: 90_000 });
    await expect(
      page.getByText(/Created by the Terraform module random-pet/).first(),
    ).toBeVisible();
    await expect(
      page.getByText(/"suffix":"[0-9a-f]{8}"/).first(),
    ).toBeVisible();
    await shot(page, 'terraform-resource-entity');
  });
});
