import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { useEntityPolledData } from '../../hooks/useEntityPolledData';
import { formatTime } from '../common/format';
import { InstanceErrorRow } from '../common/InstanceErrorRow';
import { useTableStyles } from '../common/tableStyles';
import { ApplicationRow, OVERVIEW_COLUMNS } from './ApplicationRow';
import { SyncActions } from './SyncActions';

/** One row per ArgoCD application of the entity, across instances, with failed instances as rows. @public */
export function ArgoCDOverviewCard() {
  const classes = useTableStyles();
  const { value, error, loading, refresh, entityRef } = useEntityPolledData(
    (api, ref) => api.getOverview(ref),
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
    const columns = value.canSync
      ? [...OVERVIEW_COLUMNS, 'Actions']
      : OVERVIEW_COLUMNS;
    content = (
      <div className={classes.scroller}>
        <Table size="small" aria-label="ArgoCD applications">
          <TableHead>
            <TableRow>
              {columns.map(c => (
                <TableCell key={c} className={classes.head}>
                  {c}
                </TableCell>
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
                        onDone={refresh}
                      />
                    ) : undefined
                  }
                />
              ),
            )}
          </TableBody>
        </Table>
      </div>
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
