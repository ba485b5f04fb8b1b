import type { ReactNode } from 'react';
import Typography from '@material-ui/core/Typography';
import {
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';

/** How a notice reads: done, information, something to look at, or an error. @public */
export type NoticeSeverity = 'success' | 'info' | 'warning' | 'error';

const STATUS = {
  success: StatusOK,
  info: StatusPending,
  warning: StatusWarning,
  error: StatusError,
};

/**
 * One line of news in a card or dialog (a run started, a refused request) with core-components'
 * status icon in the theme's colour. Errors and warnings are announced (`role="alert"`).
 * @public
 */
export function Notice(props: {
  severity: NoticeSeverity;
  children: ReactNode;
  'data-testid'?: string;
}) {
  const Status = STATUS[props.severity];
  const urgent = props.severity === 'error' || props.severity === 'warning';
  return (
    <Typography
      variant="body2"
      component="div"
      role={urgent ? 'alert' : 'status'}
      data-testid={props['data-testid']}
      style={{ margin: '8px 0' }}
    >
      {/* The Status* components hide themselves from screen readers; the notice must be read. */}
      <Status aria-hidden={false} aria-label={undefined}>
        {props.children}
      </Status>
    </Typography>
  );
}
