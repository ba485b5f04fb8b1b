import { test as base, expect, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { CAPTURED } from './captured';

const SANDBOX_ADMIN = 'http://127.0.0.1:7100';
const SHOTS = path.resolve(__dirname, '..', 'e2e-results', 'screenshots');

/** Sets faults on a sandbox stand-in (`forgejo`, `argocd/gamma`, ...) through its admin endpoint. */
export async function setFault(
  key: string,
  settings: Record<string, unknown>,
): Promise<void> {
  const res = await fetch(
    `${SANDBOX_ADMIN}/faults/${encodeURIComponent(key)}`,
    {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(settings),
    },
  );
  if (!res.ok)
    throw new Error(
      `setFault(${key}) failed: ${res.status} ${await res.text()}`,
    );
}

/** Clears every fault of the sandbox. */
export async function clearFaults(): Promise<void> {
  await fetch(`${SANDBOX_ADMIN}/faults`, { method: 'DELETE' });
}

/** Saves a full-page screenshot to e2e-results/screenshots/<name>.png (git-ignored). */
export async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({
    path: path.join(SHOTS, `${name}.png`),
    fullPage: true,
  });
}

/** Signs in as Guest; every test has a fresh browser context, so it always starts signed out. */
export async function signIn(page: Page): Promise<void> {
  await page.goto('/');
  await page.getByRole('button', { name: /enter/i }).click({ timeout: 60_000 });
  // The app remembers the guest provider, so later page loads in this context stay signed in.
  await expect(
    page.getByRole('navigation').getByText('Catalog').first(),
  ).toBeVisible({ timeout: 60_000 });
}

/**
 * Saves the body of every backend API response the page receives (card routes, catalog, scaffolder) under
 * e2e-results/captured/responses, also when the test fails. Task event streams are left out: they stay
 * open, and globalTeardown saves every task's whole log instead. Returns a function awaiting the writes.
 */
export function captureResponses(page: Page, testId: string) {
  const dir = path.join(CAPTURED, 'responses');
  const pending: Promise<unknown>[] = [];
  let n = 0;
  page.on('response', response => {
    const url = response.url();
    if (!url.includes('/api/') || url.includes('/eventstream')) return;
    const file = path.join(
      dir,
      `${testId}-${String(n++).padStart(4, '0')}.txt`,
    );
    const save = response
      .text()
      .then(body => {
        fs.mkdirSync(dir, { recursive: true });
        fs.writeFileSync(file, `${response.status()} ${url}\n${body}`);
      })
      .catch(() => undefined); // a redirect or a page closed mid-download has no body
    pending.push(Promise.race([save, new Promise(r => setTimeout(r, 5_000))]));
  });
  return () => Promise.all(pending);
}

/** Every test starts signed in, with no faults left over from an earlier test. */
export const test = base.extend<{}>({
  page: async ({ page }, use, testInfo) => {
    const saved = captureResponses(page, testInfo.testId);
    await clearFaults();
    await signIn(page);
    await use(page);
    await clearFaults();
    await saved();
  },
});

export { expect };
