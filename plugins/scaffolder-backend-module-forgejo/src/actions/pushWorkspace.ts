import fs from 'node:fs';
import path from 'node:path';
import git from 'isomorphic-git';
import http from 'isomorphic-git/http/node';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { initRepoAndPush } from '@backstage/plugin-scaffolder-node';

export interface PushOptions {
  /** The workspace folder to publish. */
  sourceDir: string;
  remoteUrl: string;
  branch: string;
  /** Whether `branch` already exists on the remote (then history is kept and only changes are committed). */
  remoteHasBranch: boolean;
  auth: { username: string; password: string };
  logger: LoggerService;
  commitMessage: string;
  author: { name: string; email: string };
  /** A scratch folder for the clone of an existing branch (cleaned up by the scaffolder). */
  scratchDir: () => Promise<string>;
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
 * Pushes the workspace. A new branch gets one commit through Backstage's initRepoAndPush. An existing
 * branch (allowExisting re-runs) is cloned, made identical to the workspace and committed on top only
 * when something changed, so that a second run with the same content pushes nothing.
 */
export async function pushWorkspace(
  options: PushOptions,
): Promise<{ commitHash: string; changed: boolean }> {
  if (!options.remoteHasBranch) {
    const { commitHash } = await initRepoAndPush({
      dir: options.sourceDir,
      remoteUrl: options.remoteUrl,
      auth: options.auth,
      logger: options.logger,
      defaultBranch: options.branch,
      commitMessage: options.commitMessage,
      gitAuthorInfo: options.author,
    });
    return { commitHash, changed: true };
  }

  const dir = await options.scratchDir();
  const onAuth = () => options.auth;
  await git.clone({
    fs,
    http,
    dir,
    url: options.remoteUrl,
    ref: options.branch,
    singleBranch: true,
    onAuth,
  });
  mirrorInto(options.sourceDir, dir);
  const matrix = await git.statusMatrix({ fs, dir });
  // [file, HEAD, WORKDIR, STAGE]: HEAD 1 and WORKDIR 1 means unchanged.
  const changes = matrix.filter(
    ([, head, workdir]) => !(head === 1 && workdir === 1),
  );
  if (changes.length === 0) {
    options.logger.info(
      `${options.branch} already holds this content; nothing to push`,
    );
    return {
      commitHash: await git.resolveRef({ fs, dir, ref: 'HEAD' }),
      changed: false,
    };
  }
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
    ref: options.branch,
    onAuth,
  });
  if (!result.ok)
    throw new Error(
      `push to ${options.branch} was refused: ${
        result.error ?? 'unknown reason'
      }`,
    );
  options.logger.info(
    `Pushed ${changes.length} changed file(s) to ${options.branch}`,
  );
  return { commitHash, changed: true };
}
