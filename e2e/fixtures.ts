import { test as base, expect, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';

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

/** Every test starts signed in, with no faults left over from an earlier test. */
export const test = base.extend<{}>({
  page: async ({ page }, use) => {
    await clearFaults();
    await signIn(page);
    await use(page);
    await clearFaults();
  },
});

export { expect };
