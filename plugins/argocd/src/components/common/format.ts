export { formatTime, relativeTime } from '@edp/plugin-edp-react';

/** Short form of a revision: the first 7 characters of a commit SHA, tags unchanged. */
export function shortRevision(revision?: string) {
  if (!revision) return undefined;
  return /^[0-9a-f]{40,64}$/i.test(revision) ? revision.slice(0, 7) : revision;
}
