import type { Request, Response, Router } from 'express';
import { asyncRouter } from '../http/asyncRouter';
import {
  archive,
  lastCommitFor,
  listDirectory,
  readBlob,
  resolveCommit,
  statPath,
  type TreeEntry,
} from '../git/read';
import { readBranchHeads } from '../git/refs';
import { rfc3339, type RepoRecord } from '../model';
import { repoApi, repoHtml } from '../shapes/repository';
import { notFound } from '../http/errors';
import { type ApiContext, repoOf } from '../http/context';

/** Forgejo's content types: file, dir, symlink, submodule. */
function contentType(entry: TreeEntry): string {
  if (entry.type === 'tree') return 'dir';
  if (entry.type === 'commit') return 'submodule';
  return entry.mode === '120000' ? 'symlink' : 'file';
}

/** Removes leading/trailing slashes and refuses `..` segments. */
function cleanPath(raw: string): string | undefined {
  const parts = raw.split('/').filter(Boolean);
  return parts.some(p => p === '..' || p === '.') ? undefined : parts.join('/');
}

/**
 * /contents, /contents/{path}, /raw/{path}, /media/{path}, /archive/{ref}.{tar.gz|zip}: what Backstage's
 * GiteaUrlReader (contents with ?ref, archive, git/commits) and the Gitea catalog discovery call.
 */
export function contentRoutes(ctx: ApiContext): Router {
  const router = asyncRouter({ mergeParams: true });
  const { links } = ctx;

  /** The commit to read (`?ref=` or the default branch) and how Forgejo names it in links. */
  const resolveRef = async (req: Request, repo: RepoRecord) => {
    const ref =
      typeof req.query.ref === 'string' && req.query.ref
        ? req.query.ref
        : repo.defaultBranch;
    const sha = await resolveCommit(repo.gitDir, ref);
    if (!sha) return undefined;
    let kind = 'tag';
    if (readBranchHeads(repo.gitDir).has(ref)) kind = 'branch';
    else if (sha.startsWith(ref)) kind = 'commit';
    return { ref, sha, kind };
  };

  const entryJson = async (
    repo: RepoRecord,
    at: { ref: string; sha: string; kind: string },
    entry: TreeEntry,
    withContent: boolean,
  ) => {
    const last = await lastCommitFor(repo.gitDir, at.sha, entry.path);
    const type = contentType(entry);
    const self = `${repoApi(
      links,
      repo,
      `/contents/${entry.path}`,
    )}?ref=${encodeURIComponent(at.ref)}`;
    const htmlUrl = repoHtml(
      links,
      repo,
      `/src/${at.kind}/${at.ref}/${entry.path}`,
    );
    const gitUrl = repoApi(
      links,
      repo,
      `/git/${entry.type === 'tree' ? 'trees' : 'blobs'}/${entry.sha}`,
    );
    const blob =
      withContent && type === 'file'
        ? await readBlob(repo.gitDir, entry.sha)
        : undefined;
    const target =
      type === 'symlink'
        ? (await readBlob(repo.gitDir, entry.sha)).toString('utf8')
        : null;
    return {
      name: entry.name,
      path: entry.path,
      sha: entry.sha,
      last_commit_sha: last?.sha ?? '',
      last_commit_when: last ? rfc3339(last.committer.date) : null,
      type,
      size: entry.size,
      encoding: blob ? 'base64' : null,
      content: blob ? blob.toString('base64') : null,
      target,
      url: self,
      html_url: htmlUrl,
      git_url: gitUrl,
      download_url:
        type === 'file'
          ? repoHtml(links, repo, `/raw/${at.kind}/${at.ref}/${entry.path}`)
          : null,
      submodule_git_url: null,
      _links: { self, git: gitUrl, html: htmlUrl },
    };
  };

  const contents = async (req: Request, res: Response, rawPath: string) => {
    const repo = repoOf(res);
    const path = cleanPath(rawPath);
    const at = path === undefined ? undefined : await resolveRef(req, repo);
    if (path === undefined || !at) return notFound(res, links);
    const entry = await statPath(repo.gitDir, at.sha, path);
    if (!entry) return notFound(res, links);
    if (entry.type === 'tree') {
      const children = await listDirectory(repo.gitDir, at.sha, path);
      return res.json(
        await Promise.all(children.map(c => entryJson(repo, at, c, false))),
      );
    }
    const etag = `"${entry.sha}"`;
    res.setHeader('ETag', etag);
    if (req.headers['if-none-match'] === etag) return res.status(304).end();
    const json = await entryJson(repo, at, entry, true);
    // GiteaUrlReader passes this on as the file's lastModifiedAt.
    if (json.last_commit_when)
      res.setHeader(
        'Last-Modified',
        new Date(json.last_commit_when).toUTCString(),
      );
    return res.json(json);
  };

  router.get('/contents', (req, res) => contents(req, res, ''));
  router.get(/^\/contents\/(.*)$/, (req, res) =>
    contents(req, res, req.params[0]),
  );

  const raw = async (req: Request, res: Response) => {
    const repo = repoOf(res);
    const path = cleanPath(req.params[0]);
    const at = path ? await resolveRef(req, repo) : undefined;
    const entry =
      path && at ? await statPath(repo.gitDir, at.sha, path) : undefined;
    if (!entry || entry.type !== 'blob') return notFound(res, links);
    const blob = await readBlob(repo.gitDir, entry.sha);
    res.setHeader('ETag', `"${entry.sha}"`);
    res.setHeader(
      'Content-Type',
      blob.includes(0)
        ? 'application/octet-stream'
        : 'text/plain; charset=utf-8',
    );
    return res.send(blob);
  };
  router.get(/^\/raw\/(.+)$/, raw);
  router.get(/^\/media\/(.+)$/, raw);

  router.get(/^\/archive\/(.+)\.(tar\.gz|zip)$/, async (req, res) => {
    const repo = repoOf(res);
    const sha = await resolveCommit(repo.gitDir, req.params[0]);
    if (!sha) return notFound(res, links);
    const format = req.params[1] as 'tar.gz' | 'zip';
    const body = await archive(repo.gitDir, sha, format, repo.name);
    res.setHeader(
      'Content-Type',
      format === 'zip' ? 'application/zip' : 'application/gzip',
    );
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="${repo.name}-${req.params[0].replace(
        /\//g,
        '-',
      )}.${format}"`,
    );
    return res.send(body);
  });

  return router;
}
