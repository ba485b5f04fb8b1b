import type { Repository } from './objectStore';
import { normaliseGitUrl } from './projects';

/** Git credentials the instance falls back to for repositories not registered with their own. */
export interface GitCredentials {
  username: string;
  password: string;
}

/**
 * Whether ArgoCD's repo-server could reach a repository: what `TestRepository` checks before an
 * Application is created. Repositories of the seeded revision catalog count as reachable (they
 * stand for repositories that exist on the fixed Forgejo port even when it is not running); any
 * other http(s) URL is asked for its refs over git's smart HTTP, with the credentials of a
 * registered repository of that URL, or the instance's git credentials.
 * Returns undefined when reachable, else go-git's error text.
 */
export async function repositoryProblem(options: {
  repoURL: string;
  knownRepositories: string[];
  registered: Repository[];
  fallback?: GitCredentials;
  timeoutMs?: number;
}): Promise<string | undefined> {
  const url = normaliseGitUrl(options.repoURL);
  if (options.knownRepositories.some(r => normaliseGitUrl(r) === url))
    return undefined;
  if (!/^https?:\/\//i.test(options.repoURL))
    return `error testing repository connectivity: unsupported URL scheme in ${options.repoURL}`;
  const registered = options.registered.find(
    r => normaliseGitUrl(r.repo) === url,
  );
  const credentials =
    registered?.username && registered.password
      ? { username: registered.username, password: registered.password }
      : options.fallback;
  const base = options.repoURL.replace(/\/+$/, '');
  const refsUrl = `${
    base.endsWith('.git') ? base : `${base}.git`
  }/info/refs?service=git-upload-pack`;
  try {
    const res = await fetch(refsUrl, {
      headers: credentials
        ? {
            authorization: `Basic ${Buffer.from(
              `${credentials.username}:${credentials.password}`,
            ).toString('base64')}`,
          }
        : {},
      signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
    });
    await res.arrayBuffer();
    if (res.ok) return undefined;
    if (res.status === 401 || res.status === 403)
      return 'error testing repository connectivity: authentication required';
    if (res.status === 404)
      return 'error testing repository connectivity: repository not found';
    return `error testing repository connectivity: unexpected client error: unexpected requesting "${refsUrl}" status code: ${res.status}`;
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    return `error testing repository connectivity: Get "${refsUrl}": ${
      cause?.code === 'ECONNREFUSED'
        ? `dial tcp ${new URL(refsUrl).host}: connect: connection refused`
        : cause?.message ?? (e as Error).message
    }`;
  }
}

/** Branches and tags a git server advertises over smart HTTP (what `git ls-remote` reads). */
export async function advertisedRefs(
  repoURL: string,
  credentials?: GitCredentials,
): Promise<{ branches: string[]; tags: string[] }> {
  const base = repoURL.replace(/\/+$/, '');
  const res = await fetch(
    `${
      base.endsWith('.git') ? base : `${base}.git`
    }/info/refs?service=git-upload-pack`,
    {
      headers: credentials
        ? {
            authorization: `Basic ${Buffer.from(
              `${credentials.username}:${credentials.password}`,
            ).toString('base64')}`,
          }
        : {},
      signal: AbortSignal.timeout(5000),
    },
  );
  const text = await res.text();
  if (!res.ok) throw new Error(`${repoURL}: HTTP ${res.status}`);
  const branches: string[] = [];
  const tags: string[] = [];
  for (const m of text.matchAll(
    /[0-9a-f]{40} refs\/(heads|tags)\/([^\0\n^]+)(\^\{\})?/g,
  )) {
    if (m[3]) continue;
    (m[1] === 'heads' ? branches : tags).push(m[2]);
  }
  return { branches, tags };
}
