/**
 * Runs once after Playwright has started the sandbox and the backend, before any test: waits until
 * catalog discovery has brought in the demo components from the sandbox's Forgejo, so that specs
 * can open entity pages directly.
 */
import fs from 'node:fs';
import { DEMO_COMPONENTS } from './demoCatalog';
import { CAPTURED } from './captured';

const BACKEND = 'http://localhost:7007';
const DEADLINE_MS = 180_000;

/** A token of the guest sign-in (the identity auth.providers.guest names at the time). */
export async function guestToken(): Promise<string> {
  const res = await fetch(`${BACKEND}/api/auth/guest/refresh`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  if (!res.ok)
    throw new Error(`guest sign-in failed: ${res.status} ${await res.text()}`);
  return (await res.json()).backstageIdentity.token;
}

async function missingComponents(token: string): Promise<string[]> {
  const res = await fetch(
    `${BACKEND}/api/catalog/entities/by-query?filter=kind=component&fields=metadata.name`,
    {
      headers: { authorization: `Bearer ${token}` },
    },
  );
  if (!res.ok) return DEMO_COMPONENTS;
  const names = new Set(
    ((await res.json()).items as any[]).map(e => e.metadata.name),
  );
  return DEMO_COMPONENTS.filter(n => !names.has(n));
}

export default async function globalSetup(): Promise<void> {
  // What the secret scan reads is this run's only.
  fs.rmSync(CAPTURED, { recursive: true, force: true });
  await waitForDemoCatalog();
}

/** Waits until every demo component is in the catalog. */
export async function waitForDemoCatalog(): Promise<void> {
  const started = Date.now();
  let missing = DEMO_COMPONENTS;
  while (Date.now() - started < DEADLINE_MS) {
    missing = await missingComponents(await guestToken()).catch(
      () => DEMO_COMPONENTS,
    );
    if (missing.length === 0) {
      console.log(
        `demo catalog ready after ${((Date.now() - started) / 1000).toFixed(
          1,
        )} s`,
      );
      return;
    }
    await new Promise(r => setTimeout(r, 1000));
  }
  throw new Error(
    `catalog discovery did not bring in ${missing.join(', ')} within ${
      DEADLINE_MS / 1000
    } s`,
  );
}
