import { listFiles } from './read';

/**
 * Programming and markup languages by file name, like Forgejo's linguist detection. Data and prose
 * formats (YAML, JSON, Markdown, text) are left out, as Forgejo leaves them out of the language bar.
 */
const BY_EXTENSION: Record<string, string> = {
  go: 'Go',
  ts: 'TypeScript',
  tsx: 'TSX',
  js: 'JavaScript',
  jsx: 'JavaScript',
  mjs: 'JavaScript',
  py: 'Python',
  java: 'Java',
  kt: 'Kotlin',
  rs: 'Rust',
  rb: 'Ruby',
  pl: 'Perl',
  sh: 'Shell',
  css: 'CSS',
  scss: 'SCSS',
  html: 'HTML',
  vue: 'Vue',
  tf: 'HCL',
  hcl: 'HCL',
  c: 'C',
  h: 'C',
  cpp: 'C++',
};
const BY_NAME: Record<string, string> = {
  Dockerfile: 'Dockerfile',
  Makefile: 'Makefile',
};

const cache = new Map<string, Record<string, number>>();

export function languageOf(fileName: string): string | undefined {
  const base = fileName.split('/').pop() ?? fileName;
  if (BY_NAME[base]) return BY_NAME[base];
  const dot = base.lastIndexOf('.');
  return dot > 0 ? BY_EXTENSION[base.slice(dot + 1).toLowerCase()] : undefined;
}

/** Bytes per language in commit `sha`, largest first (cached per commit: commits never change). */
export async function languageBytes(
  gitDir: string,
  sha: string,
): Promise<Record<string, number>> {
  const key = `${gitDir}@${sha}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const totals = new Map<string, number>();
  for (const file of await listFiles(gitDir, sha)) {
    if (
      file.type !== 'blob' ||
      file.path.startsWith('vendor/') ||
      file.path.startsWith('.')
    )
      continue;
    const language = languageOf(file.path);
    if (language) totals.set(language, (totals.get(language) ?? 0) + file.size);
  }
  const result = Object.fromEntries(
    [...totals.entries()].sort((a, b) => b[1] - a[1]),
  );
  cache.set(key, result);
  return result;
}
