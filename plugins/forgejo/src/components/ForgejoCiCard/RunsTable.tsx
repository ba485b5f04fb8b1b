import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Link } from '@backstage/core-components';
import type { ForgejoCiRun } from '@edp/plugin-forgejo-common';
import { StatusChip } from '../common/StatusChip';
import { formatAge, formatDuration } from '../common/format';

/**
 * The card is half a page wide: cells get tight padding, and hashes, refs, events and times never
 * break mid-word (a hash split over two lines reads as two hashes). Only the workflow's title wraps;
 * a long ref is cut with an ellipsis and shown whole on hover.
 */
const useStyles = makeStyles(theme => ({
  cell: { padding: theme.spacing(0.75, 1) },
  nowrap: { padding: theme.spacing(0.75, 1), whiteSpace: 'nowrap' },
  ref: {
    display: 'inline-block',
    maxWidth: '12em',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    verticalAlign: 'bottom',
  },
}));

/** Characters of a commit hash shown, as Forgejo's own run list does. */
const SHORT_SHA = 10;

/** Recent runs: status, workflow (and title), event, ref, commit, duration, link. */
export function RunsTable(props: { runs: ForgejoCiRun[] }) {
  const classes = useStyles();
  return (
    <Table size="small" aria-label="Recent CI runs">
      <TableHead>
        <TableRow>
          <TableCell className={classes.nowrap}>Status</TableCell>
          <TableCell className={classes.cell}>Workflow</TableCell>
          <TableCell className={classes.nowrap}>Event</TableCell>
          <TableCell className={classes.nowrap}>Ref · commit</TableCell>
          <TableCell className={classes.nowrap} align="right">
            Duration
          </TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.runs.map(run => (
          <TableRow key={`${run.workflow}-${run.id}`} data-testid="ci-run">
            <TableCell className={classes.nowrap}>
              <StatusChip status={run.status} />
            </TableCell>
            <TableCell className={classes.cell}>
              {run.htmlUrl ? (
                <Link to={run.htmlUrl}>
                  {run.workflow}
                  {run.runNumber !== undefined && ` #${run.runNumber}`}
                </Link>
              ) : (
                run.workflow
              )}
              {run.title && (
                <Typography
                  variant="caption"
                  display="block"
                  color="textSecondary"
                >
                  {run.title}
                </Typography>
              )}
            </TableCell>
            <TableCell className={classes.nowrap}>{run.event ?? '–'}</TableCell>
            <TableCell className={classes.nowrap}>
              <code className={classes.ref} title={run.ref}>
                {run.ref ?? '–'}
              </code>
              <Typography
                variant="caption"
                display="block"
                color="textSecondary"
              >
                <code>{run.commitSha?.slice(0, SHORT_SHA) ?? '–'}</code>
              </Typography>
            </TableCell>
            <TableCell className={classes.nowrap} align="right">
              {formatDuration(run.durationSeconds)}
              <Typography
                variant="caption"
                display="block"
                color="textSecondary"
              >
                {formatAge(run.startedAt)}
              </Typography>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
