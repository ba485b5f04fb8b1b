import { Table, type TableColumn } from '@backstage/core-components';
import type { ArgoCDEventRow } from '@edp/plugin-argocd-common';
import { RelativeTime } from '../common/RelativeTime';

const columns: TableColumn<ArgoCDEventRow>[] = [
  { title: 'Type', field: 'type', width: '90px' },
  { title: 'Reason', field: 'reason' },
  { title: 'Object', field: 'object' },
  { title: 'Message', field: 'message' },
  { title: 'Count', field: 'count', type: 'numeric', width: '70px' },
  {
    title: 'Last seen',
    field: 'lastSeen',
    render: e => <RelativeTime iso={e.lastSeen} />,
  },
];

/** The Kubernetes events ArgoCD reports for the application, newest first. */
export function EventsTable(props: { events: ArgoCDEventRow[] }) {
  return (
    <Table
      title="Events"
      columns={columns}
      data={props.events}
      options={{ paging: false, search: false, padding: 'dense' }}
      emptyContent={<p style={{ padding: 16 }}>No events.</p>}
    />
  );
}
