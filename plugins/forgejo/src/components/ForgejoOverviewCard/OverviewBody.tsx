import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { Link } from '@backstage/core-components';
import type { ForgejoOverview } from '@edp/plugin-forgejo-common';
import { LanguageBar } from '../common/LanguageBar';
import { StatusChip } from '../common/StatusChip';
import { formatAge } from '../common/format';

function Stat(props: { label: string; value: number; to?: string }) {
  const value = (
    <Typography variant="h6" component="span">
      {props.value}
    </Typography>
  );
  return (
    <Box
      mr={3}
      mb={1}
      data-testid={`stat-${props.label.toLowerCase().replace(/\s+/g, '-')}`}
    >
      {props.to ? <Link to={props.to}>{value}</Link> : value}
      <Typography variant="caption" display="block" color="textSecondary">
        {props.label}
      </Typography>
    </Box>
  );
}

function Badges(props: { overview: ForgejoOverview }) {
  const { overview } = props;
  return (
    <Box display="flex" flexWrap="wrap" style={{ gap: 6 }} mb={1}>
      <Chip
        size="small"
        label={overview.private ? 'Private' : 'Public'}
        variant="outlined"
      />
      {overview.archived && (
        <Chip size="small" label="Archived" color="secondary" />
      )}
      {overview.mirror && (
        <Chip size="small" label="Mirror" variant="outlined" />
      )}
      {overview.topics.map(t => (
        <Chip
          key={t}
          size="small"
          label={t}
          color="primary"
          variant="outlined"
        />
      ))}
    </Box>
  );
}

function LatestCommit(props: { overview: ForgejoOverview }) {
  const { latestCommit, defaultBranch, empty } = props.overview;
  if (!latestCommit) {
    return (
      <Typography variant="body2" color="textSecondary">
        {empty
          ? 'No commits yet: the repository is empty.'
          : `No commits on ${defaultBranch}.`}
      </Typography>
    );
  }
  const status = latestCommit.status;
  return (
    <Box display="flex" alignItems="center" flexWrap="wrap" style={{ gap: 8 }}>
      {status ? (
        <StatusChip status={status.state} />
      ) : (
        <Chip size="small" label="no CI status" variant="outlined" />
      )}
      {latestCommit.htmlUrl ? (
        <Link to={latestCommit.htmlUrl} data-testid="forgejo-latest-commit">
          <code>{latestCommit.shortSha}</code>
        </Link>
      ) : (
        <code>{latestCommit.shortSha}</code>
      )}
      <Typography variant="body2" component="span">
        {latestCommit.title}
      </Typography>
      <Typography variant="caption" color="textSecondary" component="span">
        {[latestCommit.authorName, formatAge(latestCommit.date)]
          .filter(Boolean)
          .join(' · ')}
        {status &&
          status.total > 0 &&
          ` · ${status.contexts.filter(c => c.state === 'success').length}/${
            status.total
          } checks passed`}
      </Typography>
    </Box>
  );
}

/** The filled overview card. */
export function OverviewBody(props: { overview: ForgejoOverview }) {
  const { overview: o } = props;
  return (
    <Box data-testid="forgejo-overview">
      <Badges overview={o} />
      {o.description && (
        <Typography variant="body1" paragraph>
          {o.description}
        </Typography>
      )}
      <Box display="flex" flexWrap="wrap">
        <Stat label="Stars" value={o.stars} />
        <Stat label="Forks" value={o.forks} />
        <Stat label="Watchers" value={o.watchers} />
        <Stat label="Open issues" value={o.openIssues} to={o.links.issues} />
        <Stat
          label="Open pull requests"
          value={o.openPullRequests}
          to={o.links.pulls}
        />
      </Box>
      <Typography variant="body2" gutterBottom>
        Default branch <code>{o.defaultBranch}</code>
        {' · '}
        {o.latestRelease ? (
          <>
            Latest release{' '}
            {o.latestRelease.htmlUrl ? (
              <Link to={o.latestRelease.htmlUrl}>
                {o.latestRelease.name || o.latestRelease.tagName}
              </Link>
            ) : (
              o.latestRelease.name || o.latestRelease.tagName
            )}{' '}
            <Typography
              variant="caption"
              color="textSecondary"
              component="span"
            >
              {formatAge(o.latestRelease.publishedAt)}
            </Typography>
          </>
        ) : (
          'No releases'
        )}
      </Typography>
      <Box my={1.5}>
        <LanguageBar languages={o.languages} />
      </Box>
      <Typography variant="overline" display="block">
        Latest commit on {o.defaultBranch}
      </Typography>
      <LatestCommit overview={o} />
      <Box mt={1.5} display="flex" flexWrap="wrap" style={{ gap: 16 }}>
        <Link to={o.links.repository}>Repository</Link>
        <Link to={o.links.commits}>Commits</Link>
        <Link to={o.links.pulls}>Pull requests</Link>
        <Link to={o.links.issues}>Issues</Link>
        <Link to={o.links.releases}>Releases</Link>
        <Link to={o.links.actions}>Actions</Link>
        {o.website && <Link to={o.website}>Website</Link>}
      </Box>
    </Box>
  );
}
