/** Shapes shared by the planner, the applier and the views. */
import type { Attributes } from '../providers/types';

export type Action = 'create' | 'update' | 'delete' | 'replace' | 'no-op';

export interface InstanceAddr {
  /** Full address, e.g. `local_file.f[0]` or `random_pet.p["a"]`. */
  addr: string;
  /** Resource address without the key, e.g. `local_file.f`. */
  resource: string;
  type: string;
  name: string;
  key: number | string | null;
}

export interface ResourceChange {
  addr: InstanceAddr;
  /** Short provider name ("random"). */
  provider: string;
  action: Action;
  reason?: string;
  before: Attributes | null;
  /** Planned attributes; values not known yet are UNKNOWN. */
  after: Attributes | null;
  /** Attribute names whose values are sensitive (never printed). */
  sensitive: string[];
  /** Resource addresses this instance depends on. */
  dependencies: string[];
}

export interface OutputChange {
  name: string;
  action: 'create' | 'update' | 'delete' | 'no-op';
  sensitive: boolean;
  before: unknown;
  after: unknown;
}

export interface ChangeCounts {
  add: number;
  change: number;
  remove: number;
  import: number;
}

export function instanceAddr(
  type: string,
  name: string,
  key: number | string | null,
): InstanceAddr {
  const resource = `${type}.${name}`;
  let suffix = '';
  if (typeof key === 'number') suffix = `[${key}]`;
  else if (key !== null) suffix = `[${JSON.stringify(key)}]`;
  return { addr: resource + suffix, resource, type, name, key };
}

export function countChanges(changes: ResourceChange[]): ChangeCounts {
  const counts = { add: 0, change: 0, remove: 0, import: 0 };
  for (const c of changes) {
    if (c.action === 'create' || c.action === 'replace') counts.add++;
    if (c.action === 'delete' || c.action === 'replace') counts.remove++;
    if (c.action === 'update') counts.change++;
  }
  return counts;
}
