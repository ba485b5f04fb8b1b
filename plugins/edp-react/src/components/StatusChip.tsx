import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';

/** How a status reads at a glance; the colour comes from the theme's palette. @public */
export type StatusTone = 'ok' | 'warning' | 'error' | 'progress' | 'neutral';

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
 * A status word on a chip coloured by its tone. The word is always shown, so colour is never the
 * only signal; `title` is the hover text (what the status is of, details).
 * @public
 */
export function StatusChip(props: {
  status: string;
  tone: StatusTone;
  title?: string;
  'data-testid'?: string;
}) {
  const classes = useStyles();
  return (
    <Chip
      size="small"
      label={props.status}
      title={props.title}
      className={`${classes.chip} ${classes[props.tone]}`}
      data-testid={props['data-testid']}
    />
  );
}
