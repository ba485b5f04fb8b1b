import type { Request, Response, Router } from 'express';
import { asyncRouter } from './http/asyncRouter';
import { authenticate } from './http/auth';
import type { ApiContext } from './http/context';
import {
  archive,
  listDirectory,
  readBlob,
  resolveCommit,
  statPath,
} from './git/read';
import { readBranchHeads } from './git/refs';
import type { RepoRecord } from './model';
import { repoHtml } from './shapes/repository';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);

type RefKind = 'branch' | 'tag' | 'commit';

/**
 * Splits `release/2026.11/deploy/app.yaml` into the ref and the path, as Forgejo does: the longest
 * leading run of segments that names a ref of that kind.
 */
async function splitRef(
  repo: RepoRecord,
  kind: RefKind,
  rest: string,
): Promise<{ ref: string; sha: string; path: string } | undefined> {
  const parts = rest.split('/').filter(Boolean);
  if (parts.some(p => p === '..' || p === '.')) return undefined;
  const branches = readBranchHeads(repo.gitDir);
  for (let i = parts.length; i >= 1; i--) {
    const ref = parts.slice(0, i).join('/');
    let sha: string | undefined;
    if (kind === 'branch') sha = branches.get(ref);
    else if (kind === 'tag')
      sha = await resolveCommit(repo.gitDir, `refs/tags/${ref}`);
    else if (/^[0-9a-f]{4,40}$/i.test(ref))
      sha = await resolveCommit(repo.gitDir, ref);
    if (sha) return { ref, sha, path: parts.slice(i).join('/') };
  }
  return undefined;
}

/**
 * Forgejo's web pages for files, so that the `html_url`/`download_url` links the API gives resolve
 * to the real content: `/{o}/{r}/raw/{branch|tag|commit}/{ref}/{path}` (the file's bytes),
 * `/{o}/{r}/src/{kind}/{ref}/{path}` (an HTML page with the file or the folder listing),
 * `/{o}/{r}/archive/{ref}.zip|.tar.gz`, and the repository's home page. Private repositories need
 * the same credentials as the API (Basic or token); others get 404, as in Forgejo.
 */
export function webPages(ctx: ApiContext): Router {
  const router = asyncRouter();
  const { store, links } = ctx;

  const readable = (req: Request, res: Response): RepoRecord | undefined => {
    const repo = store.repo(req.params.owner, req.params.repo);
    if (!repo) return undefined;
    const auth = authenticate(store, req.headers, req.query as any);
    const user = 'user' in auth ? auth.user : undefined;
    if (!store.canRead(user, repo)) return undefined;
    res.locals.repo = repo;
    return repo;
  };
  const notFound = (res: Response) =>
    res
      .status(404)
      .type('html')
      .send(
        '<!doctype html><title>Page Not Found</title><h1>404 Page Not Found</h1>',
      );

  router.get(
    '/:owner/:repo/raw/:kind(branch|tag|commit)/*',
    async (req, res, next) => {
      const repo = readable(req, res);
      if (!repo) return next();
      const at = await splitRef(
        repo,
        req.params.kind as RefKind,
        (req.params as any)[0],
      );
      const entry = at && (await statPath(repo.gitDir, at.sha, at.path));
      if (!at || !entry || entry.type !== 'blob') return notFound(res);
      const body = await readBlob(repo.gitDir, entry.sha);
      res.setHeader('Content-Type', 'text/plain; charset=utf-8');
      res.setHeader('Cache-Control', 'private, max-age=300');
      res.setHeader('ETag', `"${entry.sha}"`);
      return res.send(body);
    },
  );

  router.get(
    '/:owner/:repo/src/:kind(branch|tag|commit)/*',
    async (req, res, next) => {
      const repo = readable(req, res);
      if (!repo) return next();
      const kind = req.params.kind as RefKind;
      const at = await splitRef(repo, kind, (req.params as any)[0]);
      const entry =
        at &&
        (at.path === ''
          ? { type: 'tree' as const, sha: '', path: '' }
          : await statPath(repo.gitDir, at.sha, at.path));
      if (!at || !entry) return notFound(res);
      const title = `${repo.owner}/${repo.name} at ${at.ref}: /${at.path}`;
      let body: string;
      if (entry.type === 'tree') {
        const children = await listDirectory(repo.gitDir, at.sha, at.path);
        body = `<ul>${children
          .map(
            c =>
              `<li><a href="${repoHtml(
                links,
                repo,
                `/src/${kind}/${at.ref}/${c.path}`,
              )}">${escapeHtml(c.name)}${
                c.type === 'tree' ? '/' : ''
              }</a></li>`,
          )
          .join('')}</ul>`;
      } else {
        const content = await readBlob(repo.gitDir, entry.sha);
        body = `<p><a href="${repoHtml(
          links,
          repo,
          `/raw/${kind}/${at.ref}/${at.path}`,
        )}">Raw</a></p><pre class="file-content">${escapeHtml(
          content.toString('utf8'),
        )}</pre>`;
      }
      return res
        .type('html')
        .send(
          `<!doctype html><title>${escapeHtml(title)}</title><h1>${escapeHtml(
            title,
          )}</h1>${body}`,
        );
    },
  );

  router.get(
    /^\/([^/]+)\/([^/]+)\/archive\/(.+)\.(zip|tar\.gz)$/,
    async (req, res, next) => {
      req.params.owner = req.params[0];
      req.params.repo = req.params[1];
      const repo = readable(req, res);
      if (!repo) return next();
      const ref = req.params[2];
      const sha = await resolveCommit(repo.gitDir, ref);
      if (!sha) return notFound(res);
      const format = req.params[3] as 'zip' | 'tar.gz';
      const content = await archive(repo.gitDir, sha, format, repo.name);
      res.setHeader(
        'Content-Type',
        format === 'zip' ? 'application/zip' : 'application/gzip',
      );
      res.setHeader(
        'Content-Disposition',
        `attachment; filename="${repo.name}-${ref.replace(
          /\//g,
          '-',
        )}.${format}"`,
      );
      return res.send(content);
    },
  );

  // Any other page of a repository (home, issues, pulls...): a plain page that names it.
  router.get(/^\/([^/]+)\/([^/]+)(\/.*)?$/, (req, res, next) => {
    req.params.owner = req.params[0];
    req.params.repo = req.params[1];
    const repo = readable(req, res);
    if (!repo) return next();
    return res
      .type('html')
      .send(
        `<!doctype html><title>${repo.owner}/${repo.name}</title><h1>${
          repo.owner
        }/${repo.name}</h1><p>Forgejo sandbox page for <a href="${repoHtml(
          links,
          repo,
        )}">${repo.owner}/${repo.name}</a>${escapeHtml(
          req.params[2] ?? '',
        )}</p>`,
      );
  });

  return router;
}
