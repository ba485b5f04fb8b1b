import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import type {
  ArgoCDApplicationHistory,
  ArgoCDDeployment,
  ArgoCDRevisionMetadataResult,
  ArgoCDRevisionRef,
} from '@edp/plugin-argocd-common';
import { CellLines, Facts } from '../common/CellLines';
import { RelativeTime } from '../common/RelativeTime';
import { RevisionLink } from '../common/RevisionLink';
import { useTableStyles } from '../common/tableStyles';

/** The history's columns; the row below fills them in this order. */
export const HISTORY_COLUMNS = ['Application', 'Deployment', 'Change'];

/** One deployment of one application, with the revision it deployed. */
export interface HistoryRow {
  ref?: ArgoCDRevisionRef;
  app: string;
  instance: string;
  deployment: ArgoCDDeployment;
  /** The application's history, for the rollback dialog. */
  history: ArgoCDApplicationHistory;
  /** Whether this is the deployment running now (nothing to roll back to). */
  current: boolean;
}

/** The first line of the commit message, or why it is not there (yet). */
function message(pending: boolean, meta?: ArgoCDRevisionMetadataResult) {
  if (pending) return '…';
  if (!meta) return '—';
  return meta.ok ? meta.message?.split('\n')[0] ?? '—' : 'metadata unavailable';
}

/**
 * A deployment in three cells: the application over its instance, the revision over when and by
 * whom it was deployed, and the commit message over its author (both loaded lazily).
 */
export function DeploymentRow(props: {
  row: HistoryRow;
  meta?: ArgoCDRevisionMetadataResult;
  /** An extra cell (the rollback button) when the user may roll back. */
  action?: JSX.Element | null;
}) {
  const { row, meta } = props;
  const classes = useTableStyles();
  const pending = Boolean(row.ref && !meta);
  const { deployment } = row;
  const initiator =
    deployment.initiatedBy ?? (deployment.automated ? 'automated' : undefined);
  const author = meta?.ok ? meta.author : undefined;
  return (
    <TableRow data-testid="argocd-deployment">
      <TableCell className={classes.cell}>
        <CellLines
          primary={row.app}
          secondary={<Facts items={[['instance', 'on', row.instance]]} />}
        />
      </TableCell>
      <TableCell className={`${classes.cell} ${classes.tight}`}>
        <CellLines
          primary={
            <RevisionLink
              revision={deployment.revision}
              url={deployment.revisionUrl}
            />
          }
          secondary={
            <>
              <RelativeTime iso={deployment.deployedAt} />
              {initiator &&
                (deployment.initiatedBy
                  ? ` by ${initiator}`
                  : ` · ${initiator}`)}
            </>
          }
        />
      </TableCell>
      <TableCell
        className={classes.cell}
        title={meta && !meta.ok ? meta.error : undefined}
      >
        <CellLines
          primary={message(pending, meta)}
          secondary={pending ? undefined : author}
        />
      </TableCell>
      {props.action !== undefined && (
        <TableCell className={`${classes.cell} ${classes.tight}`}>
          {props.action}
        </TableCell>
      )}
    </TableRow>
  );
}
