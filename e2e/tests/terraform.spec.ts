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

/** Makes sure the task log is open: a finished task opens it by itself, else the task menu does. */
async function showLogs(page: Page) {
  const search = page.getByPlaceholder('Search', { exact: true });
  if (!(await search.isVisible())) {
    await page.getByRole('button', { name: 'More options' }).click();
    await page.getByRole('menuitem', { name: 'Show Logs' }).click();
  }
  await expect(search).toBeVisible();
}

/**
 * Finds a line in the task log with the log viewer's search box. The viewer is a virtualised
 * list scrolled to the end, so a line further up is not in the page until searched for (the
 * search scrolls to it and highlights it). The viewer lower-cases the search text but not the
 * lines, so `text` must be lower case; `line` is the whole line expected to contain it.
 */
async function findInLog(page: Page, text: string, line: string | RegExp) {
  await page.getByPlaceholder('Search', { exact: true }).fill(text);
  await expect(page.getByText(line).first()).toBeVisible();
}

test.describe('terraform-run template', () => {
  test.setTimeout(4 * TASK_TIMEOUT);
  // A missing button should fail the test quickly, not after the whole test timeout.
  test.use({ actionTimeout: 30_000 });

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
    // Readable plan lines from the JSON stream, one per resource, and the change summary.
    await findInLog(page, 'random_id.suffix', '+ create random_id.suffix');
    await findInLog(page, 'random_pet.name', '+ create random_pet.name');
    await shot(page, 'terraform-plan');
    await findInLog(
      page,
      '2 to add',
      'Plan: 2 to add, 0 to change, 0 to destroy.',
    );

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
    await findInLog(
      page,
      '2 added',
      'Apply complete! Resources: 2 added, 0 changed, 0 destroyed.',
    );
    await findInLog(
      page,
      'name = "e2e-',
      /Outputs: name = "e2e-[a-z-]+", suffix = "[0-9a-f]{8}"/,
    );
    await shot(page, 'terraform-apply');
    // Publishing to Forgejo used the sandbox's credentials: none of them is in the log.
    for (const secret of [
      'sandbox-forgejo-token',
      'sandbox-forgejo-password',
    ]) {
      await page.getByPlaceholder('Search', { exact: true }).fill(secret);
      await expect(page.getByText('0/0', { exact: true })).toBeVisible();
    }
    // The end of the log: the entity was published to Forgejo and registered on its branch.
    await page.getByPlaceholder('Search', { exact: true }).fill('');
    await expect(
      page
        .getByText(`platform/${name}/src/branch/main/catalog-info.yaml`)
        .first(),
    ).toBeVisible();
    await shot(page, 'terraform-apply-log-end');

    // The created entity's page shows the outputs. The catalog processes the new location
    // asynchronously, so the page may first say "Entity not found" (with the name as its
    // heading): reload until the entity's About card is there.
    await page
      .getByRole('link', { name: 'Open the resource in the catalog' })
      .click();
    await expect(page.getByRole('heading', { name }).first()).toBeVisible();
    await expect(async () => {
      await page.reload();
      await expect(
        page.getByText(/Created by the Terraform module random-pet/).first(),
      ).toBeVisible({ timeout: 5_000 });
    }).toPass({ timeout: 90_000 });
    await expect(
      page.getByText(/"suffix":"[0-9a-f]{8}"/).first(),
    ).toBeVisible();
    // "View source" leads to the published repository's branch on Forgejo, and that page exists.
    const source = await page
      .getByRole('link', { name: /view source/i })
      .getAttribute('href');
    expect(source).toContain(`/platform/${name}/src/branch/main`);
    expect((await page.request.get(source!)).status()).toBe(200);
    await shot(page, 'terraform-resource-entity');

    // The Terraform card reads the state kept in the sandbox cluster: outputs, resources, the run.
    const card = page.getByText('Terraform', { exact: true }).first();
    await expect(card).toBeVisible();
    await expect(
      page.getByRole('table', { name: 'Terraform outputs' }),
    ).toContainText(/suffix\s*[0-9a-f]{8}/);
    await expect(
      page.getByRole('table', { name: 'Terraform resources' }),
    ).toContainText('random_pet');
    await expect(
      page.getByRole('table', { name: 'Terraform runs' }),
    ).toContainText(/apply\s*succeeded \(2 added/);
    await page.getByRole('button', { name: 'Check drift now' }).click();
    await expect(page.getByTestId('terraform-drift')).toHaveText(
      'Drift: in sync',
      { timeout: 60_000 },
    );
    await shot(page, 'terraform-card');
  });

  test('the Terraform card shows drift after the infrastructure is changed behind Terraform’s back', async ({
    page,
  }) => {
    const name = `tf-drift-${Date.now().toString(36)}`;
    const form = encodeURIComponent(
      JSON.stringify({
        module: 'pet-config',
        name,
        owner: 'group:default/platform-engineers',
      }),
    );
    // Pass 1 (plan) and pass 2 (apply) of pet-config: a random name in a ConfigMap of the cluster.
    await page.goto(`/create/templates/default/terraform-run?formData=${form}`);
    await createFromForm(page);
    await expect(
      page.getByText('Plan: 3 to add, 0 to change, 0 to destroy.').first(),
    ).toBeVisible({ timeout: TASK_TIMEOUT });
    await page
      .getByRole('link', { name: 'Approve and apply this plan' })
      .click();
    await createFromForm(page);
    await expect(
      page.getByText('Applied: 3 added, 0 changed, 0 destroyed.').first(),
    ).toBeVisible({ timeout: TASK_TIMEOUT });
    await page
      .getByRole('link', { name: 'Open the resource in the catalog' })
      .click();
    await expect(async () => {
      await page.reload();
      await expect(page.getByTestId('terraform-drift')).toBeVisible({
        timeout: 5_000,
      });
    }).toPass({ timeout: 90_000 });
    await page.getByRole('button', { name: 'Check drift now' }).click();
    await expect(page.getByTestId('terraform-drift')).toHaveText(
      'Drift: in sync',
      { timeout: 60_000 },
    );

    // Someone edits the ConfigMap directly in the cluster (the Kubernetes stand-in's API).
    const edited = await fetch(
      `http://127.0.0.1:7102/api/v1/namespaces/default/configmaps/${name}-settings`,
      {
        method: 'PATCH',
        headers: {
          authorization: 'Bearer sandbox-kube-token',
          'content-type': 'application/merge-patch+json',
        },
        body: JSON.stringify({ data: { pet: 'edited-by-hand' } }),
      },
    );
    expect(edited.status).toBe(200);
    await page.getByRole('button', { name: 'Check drift now' }).click();
    await expect(page.getByTestId('terraform-drift')).toHaveText(
      'Drift: drifted: 1 resource',
      { timeout: 60_000 },
    );
    await shot(page, 'terraform-drift');
  });
});
