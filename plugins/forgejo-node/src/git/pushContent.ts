import fs from 'node:fs';
import path from 'node:path';
import git from 'isomorphic-git';
import http from 'isomorphic-git/http/node';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';

/**
 * What to push where. The branch ends up holding exactly the files of `sourceDir`; nothing is
 * ever force-pushed, and a branch that already holds that content gets no commit.
 * @public
 */
export interface ForgejoPushRequest {
  /** The repository's clone URL, as Forgejo gives it (`clone_url`). */
  cloneUrl: string;
  /** The folder whose files the branch should hold (a `.git` in it is ignored). */
  sourceDir: string;
  /** The branch that receives the content. */
  branch: string;
  /**
   * The branch the new commit builds on: undefined for an empty repository (the content becomes
   * its first commit), `branch` itself to update that branch, another branch to put the content
   * on the new branch `branch` next to it.
   */
  base?: string;
  /** Whether `branch` exists already. */
  branchExists?: boolean;
  /**
   * Whether an existing `branch` may receive the commit (a branch the caller owns). Otherwise an
   * existing branch is never changed: with other content the answer is `'branch-exists'`.
   */
  updateExisting?: boolean;
  commitMessage: string;
  author: { name: string; email: string };
  /** A fresh, empty folder for each clone (the caller cleans them up). */
  scratchDir: () => Promise<string>;
  logger?: LoggerService;
}

/** @public */
export interface ForgejoPushResult {
  /** The commit `branch` points at after the call. */
  commitHash: string;
  /** The branch holding the content: `base` when it held it already, else `branch`. */
  branch: string;
  /** Whether a commit was pushed. */
  pushed: boolean;
}

/** Git over HTTP credentials (Basic; Forgejo takes a token as the password). @internal */
export interface GitAuth {
  username: string;
  password: string;
}

/** Replaces everything but `.git` in `target` with the contents of `source`. */
function mirrorInto(source: string, target: string): void {
  for (const entry of fs.readdirSync(target)) {
    if (entry !== '.git')
      fs.rmSync(path.join(target, entry), { recursive: true, force: true });
  }
  fs.cpSync(source, target, {
    recursive: true,
    filter: src => path.relative(source, src).split(path.sep)[0] !== '.git',
  });
}

/**
 * A working copy of `ref` (a new repository when `ref` is undefined) whose tree is made identical
 * to `sourceDir`; returns the changed paths and the commit it started from.
 */
async function checkoutAndMirror(
  request: ForgejoPushRequest,
  auth: GitAuth,
  ref: string | undefined,
) {
  const dir = await request.scratchDir();
  if (ref === undefined) {
    await git.init({ fs, dir, defaultBranch: request.branch });
  } else {
    await git.clone({
      fs,
      http,
      dir,
      url: request.cloneUrl,
      ref,
      singleBranch: true,
      depth: 1,
      onAuth: () => auth,
    });
  }
  mirrorInto(request.sourceDir, dir);
  const matrix = await git.statusMatrix({ fs, dir });
  // [file, HEAD, WORKDIR, STAGE]: HEAD 1 and WORKDIR 1 means unchanged.
  const changes = matrix.filter(
    ([, head, workdir]) => !(head === 1 && workdir === 1),
  );
  const head =
    ref === undefined
      ? undefined
      : await git.resolveRef({ fs, dir, ref: 'HEAD' });
  return { dir, changes, head };
}

/**
 * The one git pusher of the Forgejo plugins: makes `request.branch` hold the files of
 * `request.sourceDir` with at most one new commit. Answers `'branch-exists'` when `branch` exists
 * with other content and may not be updated (it is left alone).
 * @internal
 */
export async function pushContent(
  request: ForgejoPushRequest,
  auth: GitAuth,
): Promise<ForgejoPushResult | 'branch-exists'> {
  const { base, branch, logger } = request;
  const work = await checkoutAndMirror(request, auth, base);
  if (base !== undefined && work.changes.length === 0) {
    logger?.info(`${base} already holds this content; nothing to push`);
    return { commitHash: work.head!, branch: base, pushed: false };
  }
  if (request.branchExists && !request.updateExisting) {
    const onBranch =
      base === branch ? work : await checkoutAndMirror(request, auth, branch);
    if (onBranch.changes.length > 0) return 'branch-exists';
    logger?.info(`${branch} already holds this content; nothing to push`);
    return { commitHash: onBranch.head!, branch, pushed: false };
  }
  const { dir, changes } = work;
  for (const [filepath, , workdir] of changes) {
    if (workdir === 0) await git.remove({ fs, dir, filepath });
    else await git.add({ fs, dir, filepath });
  }
  const commitHash = await git.commit({
    fs,
    dir,
    message: request.commitMessage,
    author: request.author,
    committer: request.author,
  });
  const result = await git.push({
    fs,
    http,
    dir,
    url: request.cloneUrl,
    ref: base ?? branch,
    remoteRef: branch,
    force: false,
    onAuth: () => auth,
  });
  if (!result.ok) {
    throw new ConflictError(
      `The push to ${branch} was refused: ${result.error ?? 'unknown reason'}`,
    );
  }
  logger?.info(
    base === undefined
      ? `Pushed ${changes.length} file(s) as the first commit of ${branch}`
      : `Pushed ${changes.length} changed file(s) to ${
          base === branch ? '' : 'the new branch '
        }${branch}${base === branch ? '' : ` (based on ${base})`}`,
  );
  return { commitHash, branch, pushed: true };
}
