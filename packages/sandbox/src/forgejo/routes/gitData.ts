import type { Response, Router } from 'express';
import { asyncRouter } from '../http/asyncRouter';
import { logCommits, readBlob, resolveCommit } from '../git/read';
import { git, GitError } from '../git/run';
import { rfc3339, type RepoRecord } from '../model';
import { commitJson } from '../shapes/commit';
import { repoApi, repoHtml } from '../shapes/repository';
import { notFound, sendError } from '../http/errors';
import { paginate } from '../http/pagination';
import { type ApiContext, repoOf, viewerOf } from '../http/context';

/** Forgejo's `default_git_trees_per_page` (also answered by /settings/api). */
export const GIT_TREES_PER_PAGE = 1000;

const OBJECT_SHA = /^[0-9a-f]{4,64}$/i;

interface TagRef {
  name: string;
  /** The tag object's id for annotated tags, else the commit's. */
  id: string;
  commit: string;
  message: string;
  created: string;
}

async function readTags(repo: RepoRecord): Promise<TagRef[]> {
  const out = await git([
    '--git-dir',
    repo.gitDir,
    'for-each-ref',
    '--sort=-creatordate',
    '--format=%(refname:lstrip=2)%00%(objectname)%00%(*objectname)%00%(creatordate:iso-strict)%00%(contents)%1e',
    'refs/tags',
  ]);
  return out
    .split('\x1e')
    .map(r => r.replace(/^\n/, ''))
    .filter(Boolean)
    .map(r => {
      const [name, id, peeled, created, message] = r.split('\0');
      return {
        name,
        id,
        commit: peeled || id,
        message: peeled ? message : '',
        created,
      };
    });
}

async function objectType(repo: RepoRecord, sha: string) {
  try {
    return (
      await git(['--git-dir', repo.gitDir, 'cat-file', '-t', sha])
    ).trim();
  } catch (e) {
    if (e instanceof GitError) return undefined;
    throw e;
  }
}

/**
 * Git data below /repos/{o}/{r}: /tags, /tags/{tag}, /git/refs[/{prefix}], /git/trees/{sha},
 * /git/blobs/{sha}, /compare/{base}...{head}: read from the bare repository, shaped per the swagger.
 */
export function gitDataRoutes(ctx: ApiContext): Router {
  const router = asyncRouter({ mergeParams: true });
  const { store, links } = ctx;

  const tagJson = (repo: RepoRecord, tag: TagRef) => ({
    name: tag.name,
    message: tag.message,
    id: tag.id,
    commit: {
      url: repoApi(links, repo, `/git/commits/${tag.commit}`),
      sha: tag.commit,
      created: rfc3339(tag.created),
    },
    zipball_url: repoHtml(links, repo, `/archive/${tag.name}.zip`),
    tarball_url: repoHtml(links, repo, `/archive/${tag.name}.tar.gz`),
    archive_download_count: { zip: 0, tar_gz: 0 },
  });

  router.get('/tags', async (req, res) => {
    const repo = repoOf(res);
    const page = paginate(req, res, links, await readTags(repo));
    res.json(page.map(t => tagJson(repo, t)));
  });

  router.get(/^\/tags\/(.+)$/, async (req, res) => {
    const repo = repoOf(res);
    const tag = (await readTags(repo)).find(t => t.name === req.params[0]);
    if (!tag) return notFound(res, links);
    return res.json(tagJson(repo, tag));
  });

  const refs = async (res: Response, prefix: string) => {
    const repo = repoOf(res);
    const out = await git([
      '--git-dir',
      repo.gitDir,
      'for-each-ref',
      '--format=%(refname)%00%(objectname)%00%(objecttype)',
    ]);
    const items = out
      .split('\n')
      .filter(Boolean)
      .map(line => line.split('\0'))
      .filter(([ref]) => ref.startsWith(`refs/${prefix}`))
      .map(([ref, sha, type]) => ({
        ref,
        url: repoApi(links, repo, `/git/${ref}`),
        object: {
          type,
          sha,
          url: repoApi(
            links,
            repo,
            `/git/${type === 'tag' ? 'tags' : 'commits'}/${sha}`,
          ),
        },
      }));
    if (prefix && items.length === 0) return notFound(res, links);
    return res.json(items);
  };
  router.get('/git/refs', (_req, res) => refs(res, ''));
  router.get(/^\/git\/refs\/(.+)$/, (req, res) => refs(res, req.params[0]));

  router.get('/git/trees/:sha', async (req, res) => {
    const repo = repoOf(res);
    const ref = req.params.sha;
    const sha =
      (OBJECT_SHA.test(ref) && (await objectType(repo, ref)) === 'tree'
        ? ref
        : undefined) ?? (await resolveCommit(repo.gitDir, ref));
    if (!sha) return sendError(res, links, 400, `sha not found [${ref}]`);
    const treeSha = (
      await git(['--git-dir', repo.gitDir, 'rev-parse', `${sha}^{tree}`])
    ).trim();
    const args = ['--git-dir', repo.gitDir, 'ls-tree', '-l', '-z'];
    if (req.query.recursive === 'true') args.push('-r', '-t');
    const entries = (await git([...args, treeSha]))
      .split('\0')
      .filter(Boolean)
      .map(line => {
        const [meta, path] = line.split('\t');
        const [mode, type, entrySha, size] = meta.split(/\s+/);
        return {
          path,
          mode,
          type,
          size: Number(size) || 0,
          sha: entrySha,
          url: repoApi(
            links,
            repo,
            `/git/${type === 'tree' ? 'trees' : 'blobs'}/${entrySha}`,
          ),
        };
      });
    const perPage = Math.min(
      Number(req.query.per_page) || GIT_TREES_PER_PAGE,
      GIT_TREES_PER_PAGE,
    );
    const page = Math.max(Number(req.query.page) || 1, 1);
    const tree = entries.slice((page - 1) * perPage, page * perPage);
    return res.json({
      sha: treeSha,
      url: repoApi(links, repo, `/git/trees/${treeSha}`),
      tree,
      truncated: page * perPage < entries.length,
      page,
      total_count: entries.length,
    });
  });

  router.get('/git/blobs/:sha', async (req, res) => {
    const repo = repoOf(res);
    const sha = req.params.sha;
    if (!OBJECT_SHA.test(sha) || (await objectType(repo, sha)) !== 'blob')
      return sendError(res, links, 400, `sha not found [${sha}]`);
    const content = await readBlob(repo.gitDir, sha);
    return res.json({
      content: content.toString('base64'),
      encoding: 'base64',
      url: repoApi(links, repo, `/git/blobs/${sha}`),
      sha,
      size: content.length,
    });
  });

  router.get(/^\/compare\/(.+)$/, async (req, res) => {
    const repo = repoOf(res);
    const spec = req.params[0];
    const [base, head] = spec.includes('...')
      ? spec.split('...')
      : spec.split('..');
    const baseSha = base && (await resolveCommit(repo.gitDir, base));
    const headSha = head && (await resolveCommit(repo.gitDir, head));
    if (!baseSha || !headSha) return notFound(res, links);
    const mergeBase = (
      await git(['--git-dir', repo.gitDir, 'merge-base', baseSha, headSha])
    ).trim();
    const commits = await logCommits(repo.gitDir, headSha, { not: mergeBase });
    const names = await git([
      '--git-dir',
      repo.gitDir,
      'diff',
      '--name-status',
      '-z',
      mergeBase,
      headSha,
    ]);
    const parts = names.split('\0').filter(Boolean);
    const files: Array<{ filename: string; status: string }> = [];
    const statusOf: Record<string, string> = {
      A: 'added',
      D: 'removed',
      M: 'modified',
      R: 'renamed',
      C: 'copied',
    };
    for (let i = 0; i < parts.length; i++) {
      const code = parts[i][0];
      if (code === 'R' || code === 'C') {
        files.push({ filename: parts[i + 2], status: statusOf[code] });
        i += 2;
      } else {
        files.push({
          filename: parts[i + 1],
          status: statusOf[code] ?? 'changed',
        });
        i += 1;
      }
    }
    return res.json({
      total_commits: commits.length,
      commits: commits.map(c =>
        commitJson(
          links,
          store,
          repo,
          c,
          { verification: true },
          viewerOf(res),
        ),
      ),
      files,
    });
  });

  return router;
}
