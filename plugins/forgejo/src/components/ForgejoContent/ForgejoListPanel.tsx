import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { Link, Progress } from '@backstage/core-components';
import type { ForgejoListItems } from '../../api';
import { ForgejoErrorState } from '../ForgejoErrorState';
import { useForgejoData } from '../../hooks/useForgejoData';
import { COLUMNS, type Column } from './columns';

const NOUNS: Record<keyof ForgejoListItems, string> = {
  pulls: 'open pull requests',
  issues: 'open issues',
  releases: 'releases',
  commits: 'commits',
};

/** One paginated list of the Forgejo tab (one backend request per page). */
export function ForgejoListPanel<K extends keyof ForgejoListItems>(props: {
  kind: K;
}) {
  const { kind } = props;
  const [page, setPage] = useState(1);
  const { loading, value, error, retry } = useForgejoData(
    (api, entity, options) => api.getList(entity, kind, page, options),
    `${kind}:${page}`,
  );
  const columns = COLUMNS[kind] as unknown as Column<ForgejoListItems[K]>[];
  const pages =
    value?.totalCount !== undefined
      ? Math.max(1, Math.ceil(value.totalCount / value.pageSize))
      : undefined;

  if (error) return <ForgejoErrorState error={error} onRetry={retry} />;
  return (
    <Box>
      {loading && <Progress />}
      {value && value.items.length === 0 && (
        <Typography variant="body2" color="textSecondary">
          No {NOUNS[kind]}.
        </Typography>
      )}
      {value && value.items.length > 0 && (
        <Table size="small" aria-label={NOUNS[kind]}>
          <TableHead>
            <TableRow>
              {columns.map(c => (
                <TableCell key={c.title}>{c.title}</TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {value.items.map((item, i) => (
              <TableRow key={i} data-testid={`${kind}-row`}>
                {columns.map(c => (
                  <TableCell key={c.title}>{c.render(item)}</TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <Box
        display="flex"
        alignItems="center"
        justifyContent="space-between"
        mt={1}
      >
        <Box>
          <Button
            size="small"
            disabled={page <= 1 || loading}
            onClick={() => setPage(p => p - 1)}
          >
            Previous
          </Button>
          <Typography
            variant="caption"
            component="span"
            style={{ margin: '0 8px' }}
          >
            Page {page}
            {pages ? ` of ${pages}` : ''}
            {value?.totalCount !== undefined &&
              ` · ${value.totalCount} ${NOUNS[kind]}`}
          </Typography>
          <Button
            size="small"
            disabled={!value?.hasMore || loading}
            onClick={() => setPage(p => p + 1)}
          >
            Next
          </Button>
        </Box>
        {value && <Link to={value.htmlUrl}>Open in Forgejo</Link>}
      </Box>
    </Box>
  );
}
