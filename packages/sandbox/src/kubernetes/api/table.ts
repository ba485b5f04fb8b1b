import type { ResourceType } from '../store/resources';
import { PRINT_COLUMNS, WIDE_COLUMNS, type PrintColumn } from './printColumns';

/** Whether the client asked for the server-side table format (`kubectl get` without `-o`). */
export function wantsTable(accept: string | undefined): boolean {
  return !!accept && /as=Table/.test(accept) && /g=meta\.k8s\.io/.test(accept);
}

function age(created: string | undefined): string {
  if (!created) return '<unknown>';
  const s = Math.max(0, Math.floor((Date.now() - Date.parse(created)) / 1000));
  if (s < 120) return `${s}s`;
  if (s < 7200) return `${Math.floor(s / 60)}m`;
  if (s < 172800) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86400)}d`;
}

const column = (c: Omit<PrintColumn, 'cell'>) => ({
  name: c.name,
  type: c.type,
  format: '',
  description: c.description,
  priority: c.priority,
});

/**
 * A `meta.k8s.io/v1` Table: Name, the kind's own columns where the API server has a printer for it
 * (`printColumns.ts`), Age, and the `-o wide` ones.
 */
export function toTable(
  type: Pick<ResourceType, 'group' | 'kind'>,
  items: Record<string, any>[],
  resourceVersion: string,
) {
  const key = `${type.group}/${type.kind}`;
  const own = PRINT_COLUMNS[key];
  const middle = own?.columns ?? [];
  const wide = WIDE_COLUMNS[key] ?? [];
  const withAge = own?.age !== false;
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion },
    columnDefinitions: [
      {
        name: 'Name',
        type: 'string',
        format: 'name',
        description: 'Name of the object',
        priority: 0,
      },
      ...middle.map(column),
      ...(withAge
        ? [
            {
              name: 'Age',
              type: 'string',
              format: '',
              description: 'Time since creation',
              priority: 0,
            },
          ]
        : []),
      ...wide.map(column),
    ],
    rows: items.map(o => ({
      cells: [
        o.metadata.name,
        ...middle.map(c => c.cell(o)),
        ...(withAge ? [age(o.metadata.creationTimestamp)] : []),
        ...wide.map(c => c.cell(o)),
      ],
      object: {
        kind: 'PartialObjectMetadata',
        apiVersion: 'meta.k8s.io/v1',
        metadata: o.metadata,
      },
    })),
  };
}
