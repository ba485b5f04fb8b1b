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
import TablePagination from '@material-ui/core/TablePagination';
import TableRow from '@material-ui/core/TableRow';
import { useMemo, useState } from 'react';
import { useEntityPolledData } from '../../hooks/useEntityPolledData';
import { InstanceErrorRow } from '../common/InstanceErrorRow';
import { useTableStyles } from '../common/tableStyles';
import { DeploymentRow, HISTORY_COLUMNS, HistoryRow } from './DeploymentRow';
import { revisionKey, useRevisionMetadata } from './useRevisionMetadata';

/**
 * Every deployment of the entity's applications, newest first per application, none dropped.
 * Revision metadata is loaded only for the page on screen (at most the backend's cap per page).
 * @public
 */
export function ArgoCDHistoryCard() {
  const classes = useTableStyles();
  const { value, error, loading, entityRef } = useEntityPolledData((api, ref) =>
    api.getHistory(ref),
  );
  const [page, setPage] = useState(0);
  const pageSize = value?.metadataLimit ?? 10;

  const rows: HistoryRow[] = useMemo(
    () =>
      (value?.applications ?? []).flatMap(app =>
        app.deployments.map(deployment => ({
          app: app.name,
          instance: app.instance,
          deployment,
          ref: deployment.revision
            ? {
                instance: app.instance,
                app: app.name,
                namespace: app.namespace,
                revision: deployment.revision,
              }
            : undefined,
        })),
      ),
    [value],
  );
  const pageRows = rows.slice(page * pageSize, (page + 1) * pageSize);
  const visibleRefs = pageRows.flatMap(r => (r.ref ? [r.ref] : []));
  const metadata = useRevisionMetadata(entityRef, visibleRefs, pageSize);

  let content;
  if (!value && loading) content = <Progress />;
  else if (!value && error) content = <ResponseErrorPanel error={error} />;
  else if (value && rows.length === 0 && value.errors.length === 0) {
    content = (
      <EmptyState
        missing="data"
        title="No deployments"
        description="ArgoCD has no deployment history for this entity's applications."
      />
    );
  } else if (value) {
    content = (
      <>
        <div className={classes.scroller}>
          <Table size="small" aria-label="ArgoCD deployment history">
            <TableHead>
              <TableRow>
                {HISTORY_COLUMNS.map(c => (
                  <TableCell key={c} className={classes.head}>
                    {c}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {value.errors.map(e => (
                <InstanceErrorRow
                  key={`error-${e.instance}`}
                  error={e}
                  colSpan={HISTORY_COLUMNS.length}
                />
              ))}
              {pageRows.map(row => (
                <DeploymentRow
                  key={`${row.instance}/${row.app}/${row.deployment.id}`}
                  row={row}
                  meta={
                    row.ref ? metadata.get(revisionKey(row.ref)) : undefined
                  }
                />
              ))}
            </TableBody>
          </Table>
        </div>
        {rows.length > pageSize && (
          <TablePagination
            component="div"
            count={rows.length}
            page={page}
            rowsPerPage={pageSize}
            rowsPerPageOptions={[pageSize]}
            onPageChange={(_, p) => setPage(p)}
          />
        )}
      </>
    );
  }

  return <InfoCard title="ArgoCD deployment history">{content}</InfoCard>;
}
