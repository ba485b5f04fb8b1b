/**
 * Runs once after the last test, while the backend is still up: saves the log of every scaffolder task
 * of the run (succeeded, failed or cancelled) to e2e-results/captured/tasks, where the secret scan of
 * ./edp test looks for credentials.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CAPTURED } from './captured';
import { PRIVILEGED, signInAs } from './identity';

const BACKEND = 'http://localhost:7007';

export default async function saveTaskLogs(): Promise<void> {
  // A spec that stopped half-way may have left the guest switched to a user who sees fewer tasks.
  const headers = { authorization: `Bearer ${await signInAs(PRIVILEGED)}` };
  const dir = path.join(CAPTURED, 'tasks');
  fs.mkdirSync(dir, { recursive: true });
  const res = await fetch(`${BACKEND}/api/scaffolder/v2/tasks?limit=1000`, {
    headers,
  });
  if (!res.ok)
    throw new Error(`listing tasks failed: ${res.status} ${await res.text()}`);
  const { tasks } = (await res.json()) as { tasks: { id: string }[] };
  for (const { id } of tasks) {
    const events = await fetch(
      `${BACKEND}/api/scaffolder/v2/tasks/${encodeURIComponent(id)}/events`,
      { headers },
    );
    fs.writeFileSync(path.join(dir, `${id}.json`), await events.text());
  }
  console.log(`saved the logs of ${tasks.length} tasks to ${dir}`);
}
