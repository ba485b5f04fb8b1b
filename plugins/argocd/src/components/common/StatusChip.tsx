import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';

type Tone = 'ok' | 'warning' | 'error' | 'progress' | 'neutral';

const TONES: Record<string, Tone> = {
  Synced: 'ok',
  Healthy: 'ok',
  Succeeded: 'ok',
  OutOfSync: 'warning',
  Degraded: 'error',
  Missing: 'warning',
  Suspended: 'neutral',
  Progressing: 'progress',
  Running: 'progress',
  Terminating: 'progress',
  Failed: 'error',
  Error: 'error',
  Unknown: 'neutral',
};

const useStyles = makeStyles(theme => ({
  // The theme's trailing chip margins would misalign a row of chips; the container spaces them.
  chip: { margin: 0 },
  ok: {
    backgroundColor: theme.palette.success.main,
    color: theme.palette.success.contrastText,
  },
  warning: {
    backgroundColor: theme.palette.warning.main,
    color: theme.palette.warning.contrastText,
  },
  error: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
  },
  progress: {
    backgroundColor: theme.palette.info.main,
    color: theme.palette.info.contrastText,
  },
  neutral: {},
}));

/**
 * A coloured chip for an ArgoCD sync, health or operation status. `kind` ("Sync", "Health", …)
 * goes into the tooltip with the optional detail, since several chips share one cell.
 */
export function StatusChip(props: {
  status?: string;
  kind?: string;
  detail?: string;
}) {
  const classes = useStyles();
  if (!props.status) return <>—</>;
  const tone = TONES[props.status] ?? 'neutral';
  return (
    <Chip
      size="small"
      label={props.status}
      title={
        [
          props.kind ? `${props.kind}: ${props.status}` : undefined,
          props.detail,
        ]
          .filter(Boolean)
          .join(' — ') || undefined
      }
      className={`${classes.chip} ${classes[tone]}`}
    />
  );
}
