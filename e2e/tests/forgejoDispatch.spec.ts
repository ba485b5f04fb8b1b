import type { Page } from '@playwright/test';
import { api, forgejo } from '../backendApi';
import { expect, shot, test } from '../fixtures';
import { PRIVILEGED, VISITOR, signInAs } from '../identity';

/**
 * Starting a Forgejo Actions workflow from the CI card (forgejo.workflow.dispatch), against the
 * Forgejo stand-in: platform/web-shop's .forgejo/workflows/build.yml has `on: workflow_dispatch` with a
 * choice input (environment) and a string input (notes). The stand-in lists a dispatched run at once
 * and finishes it after about 3 s, as a runner would.
 */
const DISPATCHES =
  '/api/forgejo/entity/component/default/web-shop/ci/dispatches';
const WORKFLOWS = '/api/forgejo/entity/component/default/web-shop/ci/workflows';

/** The CI card (its header, with the Run workflow button, included). */
const ciCard = (page: Page) =>
  page
    .locator('.MuiCard-root')
    .filter({ has: page.getByTestId('forgejo-ci-card') });

const runsOfWebShop = async () =>
  (await forgejo('GET', '/repos/platform/web-shop/actions/runs?limit=50')).body
    .total_count as number;

test.describe('the privileged guest', () => {
  test('starts build.yml of web-shop from the CI card, with its inputs, and the new run appears on the card', async ({
    page,
  }) => {
    const before = await runsOfWebShop();
    await page.goto('/catalog/default/component/web-shop');
    const card = ciCard(page);
    await expect(card.getByTestId('ci-run').first()).toBeVisible({
      timeout: 30_000,
    });
    await card.getByRole('button', { name: 'Run workflow' }).click();

    const dialog = page.getByRole('dialog', { name: 'Run workflow' });
    // The inputs of build.yml at main, as its workflow_dispatch section declares them.
    await expect(dialog.getByText('Where to deploy the build')).toBeVisible();
    await expect(dialog.getByRole('button', { name: /Workflow/ })).toHaveText(
      /Build \(build\.yml\)/,
    );
    await dialog.getByRole('button', { name: /environment/ }).click();
    await page.getByRole('option', { name: 'staging' }).click();
    await dialog.getByLabel('notes').fill('started by the e2e suite');
    await shot(page, 'forgejo-run-workflow-dialog');
    await dialog.getByRole('button', { name: 'Run workflow' }).click();
    await expect(dialog).toBeHidden();

    const note = card.getByTestId('forgejo-dispatch-note');
    await expect(note).toContainText(/Started build\.yml run #\d+ on main/);
    const runNumber = (await note.textContent())!.match(/run #(\d+)/)![1];
    // The card asks again until Forgejo lists the run: its row, a workflow_dispatch on main.
    const row = card
      .getByTestId('ci-run')
      .filter({ hasText: `build.yml #${runNumber}` });
    await expect(row).toBeVisible();
    await expect(row).toContainText('workflow_dispatch');
    await expect(note).toContainText('it is listed below');
    await shot(page, 'forgejo-run-workflow-started');

    // Forgejo really has the run, with the inputs the dialog sent.
    expect(await runsOfWebShop()).toBe(before + 1);
    const runs = (
      await forgejo('GET', '/repos/platform/web-shop/actions/runs?limit=1')
    ).body.workflow_runs;
    expect(runs[0]).toMatchObject({
      run_number: Number(runNumber),
      event: 'workflow_dispatch',
    });
  });
});

test.describe('a user outside the privileged groups', () => {
  let token: string;
  test.beforeAll(async () => {
    token = await signInAs(VISITOR);
  });
  test.afterAll(async () => {
    await signInAs(PRIVILEGED);
  });

  test('sees the CI runs of web-shop but no Run workflow button, and the routes answer 403', async ({
    page,
  }) => {
    await page.goto('/catalog/default/component/web-shop');
    const card = ciCard(page);
    await expect(card.getByTestId('ci-run').first()).toBeVisible({
      timeout: 30_000,
    });
    await expect(
      card.getByRole('button', { name: 'Run workflow' }),
    ).toHaveCount(0);

    const before = await runsOfWebShop();
    const refused = await api(token, 'POST', DISPATCHES, {
      workflow: 'build.yml',
      ref: 'main',
      inputs: { environment: 'dev' },
    });
    expect(refused.status, refused.text).toBe(403);
    expect(refused.text).toContain('forgejo.workflow.dispatch');
    expect((await api(token, 'GET', WORKFLOWS)).status).toBe(403);
    expect(await runsOfWebShop()).toBe(before);
  });
});
