import fs from 'node:fs';
import path from 'node:path';
import git from 'isomorphic-git';
import http from 'isomorphic-git/http/node';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { initRepoAndPush } from '@backstage/plugin-scaffolder-node';

interface CommonPushOptions {
  /** The workspace folder to publish. */
  sourceDir: string;
  remoteUrl: string;
  auth: { username: string; password: string };
  logger: LoggerService;
  commitMessage: string;
  author: { name: string; email: string };
  /** A scratch folder for clones (cleaned up by the scaffolder). */
  scratchDir: () => Promise<string>;
}

export interface PushResult {
  /** The commit `branch` points at after the call. */
  commitHash: string;
  /** The branch holding the workspace's content. */
  branch: string;
  /** Whether a commit was pushed. */
  pushed: boolean;
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

/** Pushes the workspace as the first commit of an empty repository (Backstage's initRepoAndPush). */
export async function pushToEmptyRepository(
  options: CommonPushOptions & { branch: string },
): Promise<PushResult> {
  const { commitHash } = await initRepoAndPush({
    dir: options.sourceDir,
    remoteUrl: options.remoteUrl,
    auth: options.auth,
    logger: options.logger,
    defaultBranch: options.branch,
    commitMessage: options.commitMessage,
    gitAuthorInfo: options.author,
  });
  return { commitHash, branch: options.branch, pushed: true };
}

/** Clones `ref` and makes its working tree identical to the workspace; returns the changed paths. */
async function cloneAndMirror(options: CommonPushOptions, ref: string) {
  const dir = await options.scratchDir();
  const onAuth = () => options.auth;
  await git.clone({
    fs,
    http,
    dir,
    url: options.remoteUrl,
    ref,
    singleBranch: true,
    onAuth,
  });
  mirrorInto(options.sourceDir, dir);
  const matrix = await git.statusMatrix({ fs, dir });
  // [file, HEAD, WORKDIR, STAGE]: HEAD 1 and WORKDIR 1 means unchanged.
  const changes = matrix.filter(
    ([, head, workdir]) => !(head === 1 && workdir === 1),
  );
  const head = await git.resolveRef({ fs, dir, ref: 'HEAD' });
  return { dir, changes, head, onAuth };
}

/**
 * Publishes the workspace into a repository that already has commits without touching any existing
 * branch: when `base` already holds the content nothing is pushed; otherwise the content is committed
 * on top of `base` and pushed as the new branch `branch` (a plain push of a new ref, never a force).
 * When `branch` exists already and holds the same content (a retried task), nothing is pushed either;
 * with other content the caller gets `'branch-exists'`.
 */
export async function pushAsNewBranch(
  options: CommonPushOptions & {
    base: string;
    branch: string;
    branchExists: boolean;
  },
): Promise<PushResult | 'branch-exists'> {
  const onBase = await cloneAndMirror(options, options.base);
  if (onBase.changes.length === 0) {
    options.logger.info(
      `${options.base} already holds this content; nothing to push`,
    );
    return { commitHash: onBase.head, branch: options.base, pushed: false };
  }
  if (options.branchExists) {
    const onBranch = await cloneAndMirror(options, options.branch);
    if (onBranch.changes.length > 0) return 'branch-exists';
    options.logger.info(
      `${options.branch} already holds this content; nothing to push`,
    );
    return { commitHash: onBranch.head, branch: options.branch, pushed: false };
  }
  const { dir, changes, onAuth } = onBase;
  for (const [filepath, , workdir] of changes) {
    if (workdir === 0) await git.remove({ fs, dir, filepath });
    else await git.add({ fs, dir, filepath });
  }
  const commitHash = await git.commit({
    fs,
    dir,
    message: options.commitMessage,
    author: options.author,
    committer: options.author,
  });
  const result = await git.push({
    fs,
    http,
    dir,
    remote: 'origin',
    ref: options.base,
    remoteRef: options.branch,
    force: false,
    onAuth,
  });
  if (!result.ok)
    throw new Error(
      `push of the new branch ${options.branch} was refused: ${
        result.error ?? 'unknown reason'
      }`,
    );
  options.logger.info(
    `Pushed ${changes.length} changed file(s) as the new branch ${options.branch} (based on ${options.base})`,
  );
  return { commitHash, branch: options.branch, pushed: true };
}
