import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { Link } from '@backstage/core-components';
import type { ReactNode } from 'react';
import type { ForgejoLabel } from '@edp/plugin-forgejo-common';
import type { ForgejoListItems } from '../../api';
import { formatAge } from '../common/format';

/** One column of a list: a header and how to render an item's cell. */
export interface Column<T> {
  title: string;
  render: (item: T) => ReactNode;
}

const linked = (text: ReactNode, url?: string) =>
  url ? <Link to={url}>{text}</Link> : text;

function Labels(props: { labels: ForgejoLabel[] }) {
  return (
    <Box component="span" ml={1}>
      {props.labels.map(l => (
        <Chip
          key={l.name}
          size="small"
          label={l.name}
          style={{
            marginRight: 4,
            backgroundColor: l.color
              ? `#${l.color.replace('#', '')}`
              : undefined,
          }}
        />
      ))}
    </Box>
  );
}

function releaseKind(release: { draft: boolean; prerelease: boolean }): string {
  if (release.draft) return 'draft';
  return release.prerelease ? 'pre-release' : 'release';
}

const age = (iso?: string) => (
  <Typography variant="caption" color="textSecondary">
    {formatAge(iso)}
  </Typography>
);

/** Columns per list kind. */
export const COLUMNS: {
  [K in keyof ForgejoListItems]: Column<ForgejoListItems[K]>[];
} = {
  pulls: [
    { title: '#', render: pr => linked(`#${pr.number}`, pr.htmlUrl) },
    {
      title: 'Title',
      render: pr => (
        <>
          {pr.draft && (
            <Chip
              size="small"
              label="Draft"
              variant="outlined"
              style={{ marginRight: 4 }}
            />
          )}
          {pr.title}
          <Labels labels={pr.labels} />
        </>
      ),
    },
    { title: 'State', render: pr => pr.state },
    {
      title: 'Branch',
      render: pr => (
        <code>{`${pr.headRef ?? '?'} → ${pr.baseRef ?? '?'}`}</code>
      ),
    },
    { title: 'Author', render: pr => pr.authorLogin ?? '–' },
    { title: 'Updated', render: pr => age(pr.updatedAt ?? pr.createdAt) },
  ],
  issues: [
    { title: '#', render: i => linked(`#${i.number}`, i.htmlUrl) },
    {
      title: 'Title',
      render: i => (
        <>
          {i.title}
          <Labels labels={i.labels} />
        </>
      ),
    },
    { title: 'State', render: i => i.state },
    { title: 'Author', render: i => i.authorLogin ?? '–' },
    { title: 'Comments', render: i => i.comments ?? 0 },
    { title: 'Updated', render: i => age(i.updatedAt ?? i.createdAt) },
  ],
  releases: [
    { title: 'Release', render: r => linked(r.name || r.tagName, r.htmlUrl) },
    { title: 'Tag', render: r => <code>{r.tagName}</code> },
    { title: 'Kind', render: releaseKind },
    { title: 'Author', render: r => r.authorLogin ?? '–' },
    { title: 'Published', render: r => age(r.publishedAt) },
  ],
  commits: [
    {
      title: 'Commit',
      render: c => linked(<code>{c.shortSha}</code>, c.htmlUrl),
    },
    { title: 'Message', render: c => c.title },
    { title: 'Author', render: c => c.authorName ?? c.authorLogin ?? '–' },
    { title: 'Date', render: c => age(c.date) },
  ],
};
