import { Link } from '@backstage/core-components';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import type { ArgoCDApplicationSummary } from '@edp/plugin-argocd-common';
import { CellLines, Facts } from '../common/CellLines';
import { RelativeTime } from '../common/RelativeTime';
import { RevisionLink } from '../common/RevisionLink';
import { StatusChip } from '../common/StatusChip';
import { useTableStyles } from '../common/tableStyles';
import { DriftNote } from './DriftNote';

/** The overview's columns; the row below fills them in this order. */
export const OVERVIEW_COLUMNS = ['Application', 'Status', 'Revision'];

/**
 * One application in three cells, so the table reads at a laptop's main-column width:
 * name over instance/namespace/project, the three statuses as chips over the last sync time, and
 * the short revision linked to its commit.
 */
export function ApplicationRow(props: {
  app: ArgoCDApplicationSummary;
  actions?: JSX.Element;
}) {
  const { app } = props;
  const classes = useTableStyles();
  return (
    <TableRow data-testid={`argocd-app-${app.instance}-${app.name}`}>
      <TableCell className={classes.cell}>
        <CellLines
          primary={
            <Link
              to={app.uiUrl}
              title={`Open ${app.name} in ArgoCD (${app.instance})`}
            >
              <strong>{app.name}</strong>
            </Link>
          }
          secondary={
            <Facts
              items={[
                ['instance', 'on', app.instance],
                [
                  'namespace',
                  <abbr title="namespace">ns</abbr>,
                  app.destinationNamespace ?? app.namespace,
                ],
                ['project', 'project', app.project],
              ]}
            />
          }
        />
      </TableCell>
      <TableCell className={classes.cell}>
        <CellLines
          primary={
            <div className={classes.chips}>
              <StatusChip kind="Sync" status={app.syncStatus} />
              <StatusChip
                kind="Health"
                status={app.healthStatus}
                detail={app.healthMessage}
              />
              {app.operationPhase && (
                <StatusChip
                  kind="Last operation"
                  status={app.operationPhase}
                  detail={app.operationMessage}
                />
              )}
            </div>
          }
          secondary={
            <>
              {app.drift && <DriftNote drift={app.drift} />}
              {app.lastSyncedAt && (
                <RelativeTime iso={app.lastSyncedAt} prefix="synced" />
              )}
            </>
          }
        />
      </TableCell>
      <TableCell className={`${classes.cell} ${classes.tight}`}>
        <RevisionLink revision={app.revision} url={app.revisionUrl} />
      </TableCell>
      {props.actions && (
        <TableCell className={`${classes.cell} ${classes.tight}`}>
          {props.actions}
        </TableCell>
      )}
    </TableRow>
  );
}
