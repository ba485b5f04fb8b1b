import fs from 'node:fs/promises';
import path from 'node:path';
import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  addFiles,
  cloneRepo,
  commitAndPushBranch,
  initRepoAndPush,
  removeFiles,
} from '@backstage/plugin-scaffolder-node';
import type { RepoInfo } from './forgejoRepos';
import {
  FileTree,
  readFileTree,
  sameFileTree,
  writeFileTree,
} from './stackFiles';

export type PushAction = 'created' | 'updated' | 'unchanged';

export interface PushFolderOptions {
  repo: RepoInfo;
  tree: FileTree;
  auth: { username: string; password: string };
  /** A fresh, empty folder to work in. */
  workDir: string;
  commitMessage: string;
  logger: LoggerService;
  gitAuthorInfo?: { name?: string; email?: string };
}

/**
 * Makes the repository's default branch hold exactly `tree`: an initial push for an empty
 * repository, otherwise a commit only when the content differs (so re-runs push nothing).
 */
export async function pushFolder(
  options: PushFolderOptions,
): Promise<{ action: PushAction; commitHash?: string }> {
  const { repo, tree, auth, workDir, logger } = options;
  const branch = repo.defaultBranch;
  const author = options.gitAuthorInfo ?? {
    name: 'EDP Orchestrator',
    email: 'edp-orchestrator@localhost',
  };
  if (repo.empty) {
    await writeFileTree(workDir, tree);
    const { commitHash } = await initRepoAndPush({
      dir: workDir,
      remoteUrl: repo.cloneUrl,
      auth,
      logger,
      defaultBranch: branch,
      commitMessage: options.commitMessage,
      gitAuthorInfo: author,
    });
    return { action: 'created', commitHash };
  }

  await cloneRepo({
    url: repo.cloneUrl,
    dir: workDir,
    auth,
    ref: branch,
    depth: 1,
  });
  const current = await readFileTree(workDir);
  if (sameFileTree(current, tree)) return { action: 'unchanged' };

  for (const rel of current.keys()) {
    if (tree.has(rel)) continue;
    await fs.rm(path.join(workDir, ...rel.split('/')));
    await removeFiles({ dir: workDir, filepath: rel, auth });
  }
  await writeFileTree(workDir, tree);
  for (const rel of tree.keys()) {
    const before = current.get(rel);
    if (!before || !before.equals(tree.get(rel)!))
      await addFiles({ dir: workDir, filepath: rel, auth });
  }
  const { commitHash } = await commitAndPushBranch({
    dir: workDir,
    auth,
    logger,
    commitMessage: options.commitMessage,
    gitAuthorInfo: author,
    branch,
  });
  return { action: 'updated', commitHash };
}
