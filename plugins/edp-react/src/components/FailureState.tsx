import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { Notice } from './Notice';

/** How bad a failure is for the reader: information, something to fix, or an error. @public */
export type FailureSeverity = 'info' | 'warning' | 'error';

/**
 * The readable state of a card whose upstream could not answer (unreachable, slow, rate limited,
 * not configured): what happened, the message, what to do, and a Retry button. Never blank.
 * A request the backend rejected as a bug is better shown with ResponseErrorPanel.
 * @public
 */
export function FailureState(props: {
  title: string;
  message: string;
  hint?: string;
  severity: FailureSeverity;
  onRetry: () => void;
  'data-testid'?: string;
}) {
  return (
    <Box
      data-testid={props['data-testid']}
      display="flex"
      alignItems="flex-start"
      justifyContent="space-between"
      style={{ gap: 8 }}
    >
      <Box>
        <Notice severity={props.severity}>
          <strong>{props.title}</strong>
        </Notice>
        <Typography variant="body2">{props.message}</Typography>
        {props.hint && (
          <Box mt={1}>
            <Typography variant="body2">{props.hint}</Typography>
          </Box>
        )}
      </Box>
      <Button color="primary" size="small" onClick={props.onRetry}>
        Retry
      </Button>
    </Box>
  );
}
