import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import ErrorOutline from '@material-ui/icons/ErrorOutline';
import type { ArgoCDInstanceError } from '@edp/plugin-argocd-common';
import { useTableStyles } from './tableStyles';

const REASONS: Record<ArgoCDInstanceError['reason'], string> = {
  auth: 'authentication failed',
  timeout: 'timed out',
  upstream: 'server error',
  'invalid-response': 'invalid response',
  network: 'unreachable',
  'unknown-instance': 'unknown instance',
  'not-found': 'not found',
};

/** A table row telling that one instance could not answer; the other rows stay usable. */
export function InstanceErrorRow(props: {
  error: ArgoCDInstanceError;
  colSpan: number;
}) {
  const { error } = props;
  const classes = useTableStyles();
  return (
    <TableRow data-testid={`argocd-error-${error.instance}`}>
      <TableCell colSpan={props.colSpan} className={classes.cell}>
        <Typography
          variant="body2"
          color="error"
          component="span"
          style={{ display: 'flex', gap: 8, alignItems: 'center' }}
        >
          <ErrorOutline fontSize="small" />
          <span>
            <strong>{error.instance}</strong>:{' '}
            {REASONS[error.reason] ?? error.reason} — {error.message}
          </span>
        </Typography>
      </TableCell>
    </TableRow>
  );
}
