import type { ForgejoStore, LabelRecord } from '../model';

const COLORS: Record<string, string> = {
  bug: 'ee0701',
  enhancement: '84b6eb',
  documentation: '0075ca',
  'priority/high': 'b60205',
};

/** The label named `name`, created on first use with a stable colour. */
export function labelFor(store: ForgejoStore, name: string): LabelRecord {
  let label = store.labels.get(name);
  if (!label) {
    label = { id: store.id('label'), name, color: COLORS[name] ?? 'c5def5' };
    store.labels.set(name, label);
  }
  return label;
}
