import type { ArgoCDDiffLine } from '@edp/plugin-argocd-common';

/** Fields the cluster adds to every object; ArgoCD leaves them out of its diffs too. */
const SERVER_SIDE_METADATA = [
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'managedFields',
  'selfLink',
];
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** Parses a manifest ArgoCD sent as a JSON string and drops what the server owns (status included). */
export function normaliseManifest(json: string | undefined): unknown {
  if (!json) return null;
  let manifest: any;
  try {
    manifest = JSON.parse(json);
  } catch {
    return null;
  }
  if (!manifest || typeof manifest !== 'object') return null;
  const out = structuredClone(manifest);
  delete out.status;
  for (const key of SERVER_SIDE_METADATA) delete out.metadata?.[key];
  if (out.metadata?.annotations) {
    delete out.metadata.annotations[LAST_APPLIED];
    if (Object.keys(out.metadata.annotations).length === 0)
      delete out.metadata.annotations;
  }
  return out;
}

const linesOf = (value: unknown) =>
  value === null ? [] : JSON.stringify(value, null, 2).split('\n');

/**
 * A line diff of two manifests pretty-printed as JSON (keys in the order git and the cluster give
 * them), by longest common subsequence: manifests are small, so the quadratic table is cheap.
 */
export function diffManifests(
  desired: unknown,
  live: unknown,
): ArgoCDDiffLine[] {
  const a = linesOf(desired);
  const b = linesOf(live);
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () =>
    new Array(b.length + 1).fill(0),
  );
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i][j] =
        a[i] === b[j]
          ? lcs[i + 1][j + 1] + 1
          : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const lines: ArgoCDDiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      lines.push({ op: ' ', text: a[i] });
      i++;
      j++;
    } else if (
      i < a.length &&
      (j >= b.length || lcs[i + 1][j] >= lcs[i][j + 1])
    ) {
      // Git's line first, then the live one, as `diff` prints a change.
      lines.push({ op: '-', text: a[i++] });
    } else {
      lines.push({ op: '+', text: b[j++] });
    }
  }
  return lines;
}
