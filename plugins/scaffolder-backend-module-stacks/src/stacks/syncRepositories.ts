import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { InputError } from '@backstage/errors';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { JsonValue } from '@backstage/types';
import type { LocalSource } from './cnoe';
import type { ForgejoRepos, RepoInfo } from './forgejoRepos';
import { gitTreeSha } from './gitTree';
import { pushFolder, PushAction } from './pushFolder';
import { FileTree, hashFileTree, subTree } from './stackFiles';
import { throwIfAborted } from '../kubernetes/readiness';

export interface SyncedRepository {
  dir: string;
  name: string;
  cloneUrl: string;
  htmlUrl: string;
  action: PushAction;
  commitHash?: string;
}

type Checkpoint = <T extends JsonValue | void>(opts: {
  key: string;
  fn: () => Promise<T> | T;
}) => Promise<T>;

/** The helpers of scaffolder-node log every git call at info level; keep the task log to what matters. */
function quiet(logger: LoggerService): LoggerService {
  const q: LoggerService = {
    error: logger.error.bind(logger),
    warn: logger.warn.bind(logger),
    info: () => {},
    debug: () => {},
    child: () => q,
  };
  return q;
}

async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'edp-stack-git-'));
  try {
    return await fn(dir);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

interface Plan {
  source: LocalSource;
  label: string;
  folder: FileTree;
  repo?: RepoInfo;
  upToDate: boolean;
}

export interface SyncRepositoriesOptions {
  sources: LocalSource[];
  tree: FileTree;
  forgejo: ForgejoRepos;
  owner: string;
  stackName: string;
  dryRun: boolean;
  logger: LoggerService;
  checkpoint: Checkpoint;
  signal?: AbortSignal;
}

/**
 * Makes one Forgejo repository per `cnoe://` folder hold that folder: created when missing,
 * a commit only when the content changed. What exists is read first, in parallel (so a run that
 * changes nothing is quick); creation and pushes then go one by one through checkpoints, so a
 * retried task neither creates twice nor pushes the same content twice.
 */
export async function syncRepositories(
  options: SyncRepositoriesOptions,
): Promise<SyncedRepository[]> {
  const { forgejo, owner } = options;
  const plans: Plan[] = await Promise.all(
    options.sources.map(async source => {
      const folder = subTree(options.tree, source.rootDir);
      if (folder.size === 0) {
        throw new InputError(
          `cnoe://${source.dir} names a folder that does not exist (or is empty) in the stack`,
        );
      }
      const repo = await forgejo.getRepo(owner, source.repoName);
      // Same git tree id at the head = same content; no clone needed. A different id (or a mode
      // other than 100644) falls through to the push, which compares the files and may still find them equal.
      const upToDate =
        !!repo &&
        !repo.empty &&
        (await forgejo.headTreeSha(
          owner,
          source.repoName,
          repo.defaultBranch,
        )) === gitTreeSha(folder);
      return {
        source,
        label: `${owner}/${source.repoName}`,
        folder,
        repo,
        upToDate,
      };
    }),
  );

  const results: SyncedRepository[] = [];
  for (const plan of plans) {
    throwIfAborted(options.signal);
    results.push(await applyPlan(plan, options));
  }
  return results;
}

async function applyPlan(
  plan: Plan,
  options: SyncRepositoriesOptions,
): Promise<SyncedRepository> {
  const { forgejo, owner, logger } = options;
  const { source, label } = plan;
  let repo = plan.repo;
  const entry = (
    r: RepoInfo | undefined,
    action: PushAction,
    commitHash?: string,
  ) => ({
    dir: source.dir,
    name: label,
    cloneUrl: r?.cloneUrl ?? forgejo.expectedCloneUrl(owner, source.repoName),
    htmlUrl: r?.htmlUrl ?? `${forgejo.baseUrl}/${label}`,
    action,
    ...(commitHash ? { commitHash } : {}),
  });
  if (options.dryRun) {
    logger.info(
      `Repository ${label} would be ${
        repo ? 'updated if its content differs' : 'created'
      } (dry run)`,
    );
    return entry(repo, repo ? 'unchanged' : 'created');
  }
  if (plan.upToDate) {
    logger.info(`Repository ${label}: content unchanged, nothing pushed`);
    return entry(repo, 'unchanged');
  }
  if (!repo) {
    await options.checkpoint({
      key: `v1.edp.stack.repo-create.${label}`,
      fn: async () => {
        await forgejo.createRepo(
          owner,
          source.repoName,
          `cnoe://${source.dir} of stack ${options.stackName}`,
        );
      },
    });
    logger.info(`Repository ${label} created`);
    // Read again: after a retried checkpoint the repository may already hold the push.
    repo = await forgejo.getRepo(owner, source.repoName);
    if (!repo)
      throw new Error(
        `Forgejo reported ${label} created, but it cannot be read`,
      );
  }
  const current = repo;
  const pushed = await options.checkpoint({
    key: `v1.edp.stack.push.${label}.${hashFileTree(plan.folder)}`,
    fn: () =>
      withTempDir(async workDir => {
        const r = await pushFolder({
          repo: current,
          tree: plan.folder,
          auth: forgejo.gitAuth(),
          workDir,
          commitMessage: `Provision cnoe://${source.dir} of stack ${options.stackName}`,
          logger: quiet(logger),
        });
        return r.commitHash
          ? { action: r.action, commitHash: r.commitHash }
          : { action: r.action };
      }),
  });
  logger.info(
    `Repository ${label}: ${
      pushed.action === 'unchanged'
        ? 'content unchanged, nothing pushed'
        : `${pushed.action} (${String(pushed.commitHash).slice(0, 8)})`
    }`,
  );
  return entry(
    current,
    pushed.action as PushAction,
    pushed.commitHash as string | undefined,
  );
}
