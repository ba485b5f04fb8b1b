import Typography from '@material-ui/core/Typography';
import { Fragment, type ReactNode } from 'react';
import { useTableStyles } from './tableStyles';

/** A cell's main value with a smaller, muted second line (e.g. instance and namespace). */
export function CellLines(props: {
  primary: ReactNode;
  secondary?: ReactNode;
}) {
  const classes = useTableStyles();
  return (
    <>
      {props.primary}
      {props.secondary && (
        <Typography
          variant="caption"
          component="span"
          className={classes.secondary}
        >
          {props.secondary}
        </Typography>
      )}
    </>
  );
}

/**
 * Labelled parts of a second line, kept whole and separated by middle dots.
 * Each item is `[react key, label, value]`; items without a value are left out.
 */
export function Facts(props: {
  items: Array<[key: string, label: ReactNode, value?: string]>;
}) {
  const present = props.items.filter(([, , value]) => value);
  return (
    <>
      {present.map(([key, label, value], i) => (
        <Fragment key={key}>
          {i > 0 && ' · '}
          <span style={{ whiteSpace: 'nowrap' }}>
            {label} {value}
          </span>
        </Fragment>
      ))}
    </>
  );
}
