import { makeStyles } from '@material-ui/core/styles';

/**
 * Styles shared by the ArgoCD tables. Backstage's theme gives table cells `word-break: break-word`,
 * which lets Chrome shrink a column to one letter per line when the card is narrow; these cells
 * break only between words (long tokens still wrap rather than overflow), headers never wrap, and
 * the table scrolls sideways instead of crushing its columns on very small screens.
 */
export const useTableStyles = makeStyles(theme => ({
  scroller: {
    overflowX: 'auto',
  },
  head: {
    whiteSpace: 'nowrap',
    wordBreak: 'normal',
    padding: theme.spacing(1, 1.5),
  },
  cell: {
    wordBreak: 'normal',
    overflowWrap: 'break-word',
    lineHeight: 1.4,
    padding: theme.spacing(1, 1.5),
  },
  /** For columns whose content is short and must stay on one line (SHA, buttons). */
  tight: {
    width: '1%',
    whiteSpace: 'nowrap',
  },
  secondary: {
    display: 'block',
    color: theme.palette.text.secondary,
    marginTop: theme.spacing(0.25),
  },
  /** Status chips stay on one line: a column of stacked chips is hard to scan. */
  chips: {
    display: 'flex',
    flexWrap: 'nowrap',
    gap: theme.spacing(0.5),
  },
}));
