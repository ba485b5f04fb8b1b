import Box from '@material-ui/core/Box';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import type { ForgejoLanguageShare } from '@edp/plugin-forgejo-common';

const KNOWN: Record<string, string> = {
  Go: '#00ADD8',
  TypeScript: '#3178c6',
  JavaScript: '#f1e05a',
  Python: '#3572A5',
  Java: '#b07219',
  Kotlin: '#A97BFF',
  Rust: '#dea584',
  Shell: '#89e051',
  Dockerfile: '#384d54',
  HCL: '#844FBA',
  HTML: '#e34c26',
  CSS: '#663399',
  YAML: '#cb171e',
  Makefile: '#427819',
};

/**
 * Stable colour per language: known ones are the languages' own colours (as Forgejo and GitHub show
 * them: identity, not status), others hash to a hue, "Other" is the theme's neutral grey.
 */
function colorOf(name: string, other: string): string {
  if (name === 'Other') return other;
  if (KNOWN[name]) return KNOWN[name];
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + ch.charCodeAt(0)) % 360;
  return `hsl(${hash}, 55%, 50%)`;
}

/** Proportional bar of the repository's languages with a legend (small shares folded into "Other"). */
export function LanguageBar(props: { languages: ForgejoLanguageShare[] }) {
  const other = useTheme().palette.grey[500];
  const main = props.languages.filter(l => l.percent >= 1).slice(0, 6);
  const rest =
    Math.round((100 - main.reduce((s, l) => s + l.percent, 0)) * 10) / 10;
  const shares =
    rest > 0.05 ? [...main, { name: 'Other', bytes: 0, percent: rest }] : main;
  if (shares.length === 0) return null;
  return (
    <Box>
      <Box
        display="flex"
        height={8}
        borderRadius={4}
        overflow="hidden"
        aria-label="Languages"
      >
        {shares.map(l => (
          <Tooltip key={l.name} title={`${l.name} ${l.percent}%`}>
            <Box width={`${l.percent}%`} bgcolor={colorOf(l.name, other)} />
          </Tooltip>
        ))}
      </Box>
      <Box display="flex" flexWrap="wrap" mt={0.5} style={{ gap: 12 }}>
        {shares.map(l => (
          <Typography key={l.name} variant="caption" component="span">
            <Box
              component="span"
              display="inline-block"
              width={8}
              height={8}
              borderRadius={4}
              mr={0.5}
              bgcolor={colorOf(l.name, other)}
            />
            {l.name} {l.percent}%
          </Typography>
        ))}
      </Box>
    </Box>
  );
}
