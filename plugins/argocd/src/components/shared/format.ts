/** Short form of a revision: the first 7 characters of a commit SHA, tags unchanged. */
export function shortRevision(revision?: string) {
  if (!revision) return undefined;
  return /^[0-9a-f]{40,64}$/i.test(revision) ? revision.slice(0, 7) : revision;
}

/** A date in the reader's locale, or a dash. */
export function formatTime(iso?: string) {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}
