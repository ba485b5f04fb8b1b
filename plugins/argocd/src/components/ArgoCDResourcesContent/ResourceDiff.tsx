import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { makeStyles } from '@material-ui/core/styles';
import type {
  ArgoCDResourceDiffResponse,
  ArgoCDResourceRow,
} from '@edp/plugin-argocd-common';

const useStyles = makeStyles(theme => ({
  diff: {
    margin: 0,
    padding: theme.spacing(1),
    fontSize: '0.8rem',
    overflowX: 'auto',
    backgroundColor: theme.palette.background.default,
  },
  removed: { backgroundColor: 'rgba(244, 67, 54, 0.18)', display: 'block' },
  added: { backgroundColor: 'rgba(76, 175, 80, 0.22)', display: 'block' },
  same: { display: 'block', opacity: 0.75 },
  legend: { fontSize: '0.8rem', margin: theme.spacing(0.5, 0) },
}));

/**
 * The desired (git, `-`) and live (cluster, `+`) manifests of one resource as a unified diff.
 * The diffs of an application are loaded once, when the first of them is opened.
 */
export function ResourceDiff(props: {
  resource: ArgoCDResourceRow;
  diffs?: ArgoCDResourceDiffResponse;
  error?: Error;
}) {
  const classes = useStyles();
  const { resource, diffs, error } = props;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!diffs) return <Progress />;
  const entry = diffs.diffs.find(
    d =>
      d.kind === resource.kind &&
      d.name === resource.name &&
      (d.namespace ?? '') === (resource.namespace ?? '') &&
      (d.group ?? '') === (resource.group ?? ''),
  );
  if (!entry)
    return (
      <p className={classes.legend}>
        ArgoCD reports no difference for {resource.kind}/{resource.name} any
        more.
      </p>
    );
  return (
    <div
      data-testid={`argocd-diff-${resource.kind}-${resource.name}`}
      aria-label={`Diff of ${resource.kind} ${resource.name}`}
    >
      <p className={classes.legend}>
        <span className={classes.removed} style={{ display: 'inline' }}>
          - desired (git)
        </span>{' '}
        <span className={classes.added} style={{ display: 'inline' }}>
          + live (cluster)
        </span>
      </p>
      <pre className={classes.diff}>
        {entry.lines.map((line, i) => {
          const className = {
            '-': classes.removed,
            '+': classes.added,
            ' ': classes.same,
          }[line.op];
          return (
            <code key={i} className={className}>
              {line.op} {line.text}
            </code>
          );
        })}
      </pre>
    </div>
  );
}
