import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TablePagination from '@material-ui/core/TablePagination';
import TableRow from '@material-ui/core/TableRow';
import { useEffect, useMemo, useState } from 'react';
import { useEntityPolledData } from '../../hooks/useEntityPolledData';
import { InstanceErrorRow } from '../common/InstanceErrorRow';
import { useTableStyles } from '../common/tableStyles';
import { DeploymentRow, HISTORY_COLUMNS, HistoryRow } from './DeploymentRow';
import { RollbackDialog, type RollbackTarget } from './RollbackDialog';
import { revisionKey, useRevisionMetadata } from './useRevisionMetadata';

/** How often the card asks again while a rollback it started has not shown up yet. */
const ROLLBACK_POLL_MS = 3000;

/**
 * Every deployment of the entity's applications, newest first per application, none dropped.
 * Revision metadata is loaded only for the page on screen (at most the backend's cap per page).
 * @public
 */
export function ArgoCDHistoryCard() {
  const classes = useTableStyles();
  const { value, error, loading, refresh, entityRef } = useEntityPolledData(
    (api, ref) => api.getHistory(ref),
  );
  const [rollback, setRollback] = useState<RollbackTarget>();
  const [awaited, setAwaited] = useState<{ key: string; revision: string }>();
  const [page, setPage] = useState(0);
  const pageSize = value?.metadataLimit ?? 10;

  const rows: HistoryRow[] = useMemo(
    () =>
      (value?.applications ?? []).flatMap(app =>
        app.deployments.map((deployment, index) => ({
          app: app.name,
          instance: app.instance,
          deployment,
          history: app,
          current: index === 0,
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
  const canRollback = value?.canRollback ?? false;
  const columns = canRollback ? [...HISTORY_COLUMNS, ''] : HISTORY_COLUMNS;

  // No cell without the permission; an empty one for the running deployment.
  const rollbackAction = (row: HistoryRow) => {
    if (!canRollback) return undefined;
    const revision = row.deployment.revision;
    if (row.current || !revision) return null;
    return (
      <Button
        size="small"
        variant="outlined"
        aria-label={`Roll back ${row.app} on ${
          row.instance
        } to ${revision.slice(0, 7)}`}
        onClick={() =>
          setRollback({
            app: row.history,
            deployment: row.deployment,
            meta: row.ref ? metadata.get(revisionKey(row.ref)) : undefined,
          })
        }
      >
        Roll back
      </Button>
    );
  };

  // After a rollback, ask again every few seconds until ArgoCD has deployed it.
  const arrived =
    awaited &&
    value?.applications.some(
      a =>
        `${a.instance}/${a.name}` === awaited.key &&
        a.deployments[0]?.revision === awaited.revision,
    );
  useEffect(() => {
    if (!awaited || arrived) return undefined;
    const timer = setTimeout(refresh, ROLLBACK_POLL_MS);
    return () => clearTimeout(timer);
  }, [awaited, arrived, refresh, value]);

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
                {columns.map(c => (
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
                  colSpan={columns.length}
                />
              ))}
              {pageRows.map(row => (
                <DeploymentRow
                  key={`${row.instance}/${row.app}/${row.deployment.id}`}
                  row={row}
                  meta={
                    row.ref ? metadata.get(revisionKey(row.ref)) : undefined
                  }
                  action={rollbackAction(row)}
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

  return (
    <InfoCard title="ArgoCD deployment history">
      {content}
      {rollback && (
        <RollbackDialog
          entityRef={entityRef}
          target={rollback}
          onClose={() => setRollback(undefined)}
          onDone={revision => {
            setAwaited({
              key: `${rollback.app.instance}/${rollback.app.name}`,
              revision,
            });
            setRollback(undefined);
            refresh();
          }}
        />
      )}
    </InfoCard>
  );
}
