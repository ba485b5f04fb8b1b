import { Table, type TableColumn } from '@backstage/core-components';
import Button from '@material-ui/core/Button';
import type { ArgoCDResourceRow } from '@edp/plugin-argocd-common';
import { ArgoStatus } from './HealthStatus';

/** Identifies a resource within its application. */
export const resourceKey = (r: ArgoCDResourceRow) =>
  [r.group ?? '', r.kind, r.namespace ?? '', r.name].join('/');

/**
 * The application's resources in the backend's order (unhealthy and OutOfSync first); children
 * (ReplicaSets, Pods) name their parent. An OutOfSync resource has a button for its diff.
 */
export function ResourcesTable(props: {
  resources: ArgoCDResourceRow[];
  openDiffs: Set<string>;
  onToggleDiff: (resource: ArgoCDResourceRow) => void;
}) {
  const { openDiffs, onToggleDiff } = props;
  const columns: TableColumn<ArgoCDResourceRow>[] = [
    {
      title: 'Kind',
      field: 'kind',
      render: r =>
        r.parent ? (
          <span title={`child of ${r.parent}`}>↳ {r.kind}</span>
        ) : (
          r.kind
        ),
    },
    { title: 'Name', field: 'name' },
    { title: 'Namespace', field: 'namespace' },
    {
      title: 'Sync',
      field: 'syncStatus',
      render: r => <ArgoStatus status={r.syncStatus} />,
    },
    {
      title: 'Health',
      field: 'healthStatus',
      render: r => <ArgoStatus status={r.healthStatus} />,
    },
    { title: 'Message', field: 'healthMessage' },
    {
      title: 'Diff',
      sorting: false,
      render: r =>
        r.syncStatus === 'OutOfSync' ? (
          <Button
            size="small"
            variant="outlined"
            aria-expanded={openDiffs.has(resourceKey(r))}
            aria-label={`Diff of ${r.kind} ${r.name}`}
            onClick={() => onToggleDiff(r)}
          >
            {openDiffs.has(resourceKey(r)) ? 'Hide diff' : 'Show diff'}
          </Button>
        ) : null,
    },
  ];
  return (
    <Table
      title="Resources"
      columns={columns}
      data={props.resources}
      options={{ paging: false, search: false, padding: 'dense' }}
    />
  );
}
