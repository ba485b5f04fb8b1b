import { formatTime, relativeTime } from './format';

/**
 * A relative time ("3 days ago") in a `<time>` element with the exact local time as its tooltip
 * and the machine-readable date in `dateTime`. A dash when the date is missing or unparsable.
 * A native title rather than MUI's Tooltip: MUI 4's Tooltip calls findDOMNode on every render.
 */
export function RelativeTime(props: { iso?: string; prefix?: string }) {
  const label = relativeTime(props.iso);
  if (!props.iso || !label) return <>—</>;
  return (
    <time
      dateTime={props.iso}
      title={formatTime(props.iso)}
      style={{ whiteSpace: 'nowrap' }}
    >
      {props.prefix ? `${props.prefix} ${label}` : label}
    </time>
  );
}
