import {
  EmptyState,
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import type { ArgoCDApplicationSummary } from '@edp/plugin-argocd-common';
import { argocdApiRef } from '../../api/ArgoCDApi';
import { usePolledData } from '../../hooks/usePolledData';
import { formatTime } from '../shared/format';
import { InstanceErrorRow } from '../shared/InstanceErrorRow';
import { RevisionLink } from '../shared/RevisionLink';
import { StatusChip } from '../shared/StatusChip';
import { SyncActions } from './SyncActions';

const COLUMNS = [
  'Application',
  'Instance',
  'Namespace',
  'Project',
  'Sync',
  'Health',
  'Operation',
  'Revision',
  'Last synced',
];

/** One row per ArgoCD application of the entity, across instances, with failed instances as rows. @public */
export function ArgoCDOverviewCard() {
  const { entity } = useEntity();
  const api = useApi(argocdApiRef);
  const entityRef = getCompoundEntityRef(entity);
  const key = `${entityRef.kind}:${entityRef.namespace}/${entityRef.name}`;
  const { value, error, loading, retry } = usePolledData(
    () => api.getOverview(entityRef),
    [api, key],
  );

  let content;
  if (!value && loading) content = <Progress />;
  else if (!value && error) content = <ResponseErrorPanel error={error} />;
  else if (value && value.rows.length === 0) {
    content = (
      <EmptyState
        missing="data"
        title="No ArgoCD applications"
        description="No configured ArgoCD instance has an application matching this entity's argocd/* annotations."
      />
    );
  } else if (value) {
    const columns = value.canSync ? [...COLUMNS, 'Actions'] : COLUMNS;
    content = (
      <Table size="small" aria-label="ArgoCD applications">
        <TableHead>
          <TableRow>
            {columns.map(c => (
              <TableCell key={c}>{c}</TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {value.rows.map(row =>
            row.type === 'error' ? (
              <InstanceErrorRow
                key={`error-${row.instance}`}
                error={row}
                colSpan={columns.length}
              />
            ) : (
              <ApplicationRow
                key={`${row.instance}/${row.namespace}/${row.name}`}
                app={row}
                actions={
                  value.canSync ? (
                    <SyncActions
                      entityRef={entityRef}
                      instance={row.instance}
                      app={row.name}
                      namespace={row.namespace}
                      onDone={retry}
                    />
                  ) : undefined
                }
              />
            ),
          )}
        </TableBody>
      </Table>
    );
  }

  return (
    <InfoCard
      title="ArgoCD applications"
      subheader={value ? `Updated ${formatTime(value.fetchedAt)}` : undefined}
    >
      {content}
    </InfoCard>
  );
}

function ApplicationRow(props: {
  app: ArgoCDApplicationSummary;
  actions?: JSX.Element;
}) {
  const { app } = props;
  return (
    <TableRow data-testid={`argocd-app-${app.instance}-${app.name}`}>
      <TableCell>
        <Link
          to={app.uiUrl}
          title={`Open ${app.name} in ArgoCD (${app.instance})`}
        >
          {app.name}
        </Link>
      </TableCell>
      <TableCell>{app.instance}</TableCell>
      <TableCell>{app.destinationNamespace ?? app.namespace ?? '—'}</TableCell>
      <TableCell>{app.project ?? '—'}</TableCell>
      <TableCell>
        <StatusChip status={app.syncStatus} />
      </TableCell>
      <TableCell>
        <StatusChip status={app.healthStatus} title={app.healthMessage} />
      </TableCell>
      <TableCell>
        <StatusChip status={app.operationPhase} title={app.operationMessage} />
      </TableCell>
      <TableCell>
        <RevisionLink revision={app.revision} url={app.revisionUrl} />
      </TableCell>
      <TableCell>{formatTime(app.lastSyncedAt)}</TableCell>
      {props.actions && <TableCell>{props.actions}</TableCell>}
    </TableRow>
  );
}
