import { Link } from '@backstage/core-components';
import { shortRevision } from './format';

/** A revision, linked to its commit when the backend found one. */
export function RevisionLink(props: { revision?: string; url?: string }) {
  const label = shortRevision(props.revision);
  if (!label) return <>—</>;
  return props.url ? (
    <Link to={props.url} title={props.revision}>
      {label}
    </Link>
  ) : (
    <span title={props.revision}>{label}</span>
  );
}
