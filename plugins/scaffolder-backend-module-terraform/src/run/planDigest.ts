import { createHash } from 'node:crypto';
import type { JsonObject, JsonValue } from '@backstage/types';

function stable(value: JsonValue | undefined): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map(k => `${JSON.stringify(k)}:${stable((value as JsonObject)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * Fingerprint of what a (masked) plan would do: each changing resource's address, actions and
 * planned values, and each changing output. Two plans with the same digest make the same changes.
 */
export function planDigest(plan: JsonObject): string {
  const resources = ((plan.resource_changes as JsonObject[] | undefined) ?? [])
    .map(rc => {
      const change = (rc.change ?? {}) as JsonObject;
      return {
        address: rc.address,
        actions: change.actions,
        after: change.after,
      };
    })
    .filter(rc => stable(rc.actions) !== '["no-op"]');
  const outputs = Object.entries(
    (plan.output_changes as JsonObject | undefined) ?? {},
  )
    .map(([name, c]) => ({ name, actions: (c as JsonObject).actions }))
    .filter(o => stable(o.actions) !== '["no-op"]');
  return createHash('sha256')
    .update(stable({ resources, outputs } as unknown as JsonValue))
    .digest('hex')
    .slice(0, 16);
}
