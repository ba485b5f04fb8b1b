import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { Link } from '@backstage/core-components';
import type { ForgejoCiRun } from '@edp/plugin-forgejo-common';
import { StatusChip } from '../shared/StatusChip';
import { formatAge, formatDuration } from '../shared/format';

/** Recent runs: status, workflow (and title), event, ref, commit, duration, link. */
export function RunsTable(props: { runs: ForgejoCiRun[] }) {
  return (
    <Table size="small" aria-label="Recent CI runs">
      <TableHead>
        <TableRow>
          <TableCell>Status</TableCell>
          <TableCell>Workflow</TableCell>
          <TableCell>Event</TableCell>
          <TableCell>Ref</TableCell>
          <TableCell>Commit</TableCell>
          <TableCell align="right">Duration</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.runs.map(run => (
          <TableRow key={`${run.workflow}-${run.id}`} data-testid="ci-run">
            <TableCell>
              <StatusChip status={run.status} />
            </TableCell>
            <TableCell>
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
            <TableCell>{run.event ?? '–'}</TableCell>
            <TableCell>
              <code>{run.ref ?? '–'}</code>
            </TableCell>
            <TableCell>
              <code>{run.commitSha?.slice(0, 10) ?? '–'}</code>
            </TableCell>
            <TableCell align="right">
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
