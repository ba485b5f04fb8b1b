import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { InputError } from '@backstage/errors';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { JsonValue } from '@backstage/types';
import {
  isForgejoError,
  type ForgejoApiRepository,
  type ForgejoCallOptions,
  type ForgejoClient,
  type ForgejoRepoRef,
} from '@edp/plugin-forgejo-node';
import type { LocalSource } from './cnoe';
import { gitTreeSha } from './gitTree';
import { FileTree, hashFileTree, subTree, writeFileTree } from './stackFiles';
import { throwIfAborted } from '../kubernetes/readiness';

export type PushAction = 'created' | 'updated' | 'unchanged';

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

/** Runs `fn` with a source folder and fresh scratch folders, all removed afterwards. */
async function withTempDirs<T>(
  fn: (dirs: { source: string; scratch: () => Promise<string> }) => Promise<T>,
): Promise<T> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'edp-stack-git-'));
  try {
    const source = path.join(root, 'source');
    await fs.mkdir(source);
    return await fn({
      source,
      scratch: () => fs.mkdtemp(path.join(root, 'clone-')),
    });
  } finally {
    await fs.rm(root, { recursive: true, force: true });
  }
}

/**
 * Creates an empty repository in the organisation `owner`, or, when no organisation has that
 * name, for the user of the integration token when that is `owner`. A repository created
 * meanwhile (a re-run after a crash) is used as it is.
 */
async function createRepository(
  forgejo: ForgejoClient,
  ref: ForgejoRepoRef,
  description: string,
  call: ForgejoCallOptions,
): Promise<void> {
  const request = {
    name: ref.repo,
    description,
    private: false,
    default_branch: 'main',
  };
  const create = async (organisation: string | undefined) => {
    try {
      await forgejo.createRepository(ref.host, organisation, request, call);
    } catch (e) {
      const taken = isForgejoError(e) && e.upstreamStatus === 409;
      if (!taken || !(await forgejo.findRepository(ref, call))) throw e;
    }
  };
  try {
    await create(ref.owner);
    return;
  } catch (e) {
    // Forgejo answers 404 for an organisation that does not exist.
    if (!(isForgejoError(e) && e.code === 'NOT_FOUND')) throw e;
  }
  const me = await forgejo.getAuthenticatedUser(ref.host, call);
  if (me.login !== ref.owner) {
    throw new InputError(
      `Input "owner": "${ref.owner}" is neither an organisation on ${
        forgejo.hosts.get(ref.host).webBaseUrl
      } nor the user of the integration token`,
    );
  }
  await create(undefined);
}

interface Plan {
  source: LocalSource;
  label: string;
  ref: ForgejoRepoRef;
  folder: FileTree;
  repo?: ForgejoApiRepository;
  upToDate: boolean;
}

export interface SyncRepositoriesOptions {
  sources: LocalSource[];
  tree: FileTree;
  forgejo: ForgejoClient;
  /** The integrations.gitea host that receives the repositories. */
  host: string;
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
  const { forgejo, host, owner } = options;
  const call = { signal: options.signal };
  const plans: Plan[] = await Promise.all(
    options.sources.map(async source => {
      const folder = subTree(options.tree, source.rootDir);
      if (folder.size === 0) {
        throw new InputError(
          `cnoe://${source.dir} names a folder that does not exist (or is empty) in the stack`,
        );
      }
      const ref = { host, owner, repo: source.repoName };
      const repo = await forgejo.findRepository(ref, call);
      // Same git tree id at the head = same content; no clone needed. A different id (or a mode
      // other than 100644) falls through to the push, which compares the files and may still find them equal.
      const upToDate =
        !!repo &&
        !repo.empty &&
        (await forgejo.getHeadTreeSha(ref, defaultBranchOf(repo), call)) ===
          gitTreeSha(folder);
      return {
        source,
        ref,
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

function defaultBranchOf(repo: ForgejoApiRepository): string {
  return repo.default_branch || 'main';
}

async function applyPlan(
  plan: Plan,
  options: SyncRepositoriesOptions,
): Promise<SyncedRepository> {
  const { forgejo, logger } = options;
  const { source, label, ref } = plan;
  const call = { signal: options.signal };
  let repo = plan.repo;
  const entry = (
    r: ForgejoApiRepository | undefined,
    action: PushAction,
    commitHash?: string,
  ) => ({
    dir: source.dir,
    name: label,
    cloneUrl: r?.clone_url ?? forgejo.webUrl(ref, '.git'),
    htmlUrl: r?.html_url ?? forgejo.webUrl(ref),
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
        await createRepository(
          forgejo,
          ref,
          `cnoe://${source.dir} of stack ${options.stackName}`,
          call,
        );
      },
    });
    logger.info(`Repository ${label} created`);
    // Read again: after a retried checkpoint the repository may already hold the push.
    repo = await forgejo.findRepository(ref, call);
    if (!repo)
      throw new Error(
        `Forgejo reported ${label} created, but it cannot be read`,
      );
  }
  const current = repo;
  const branch = defaultBranchOf(current);
  const pushed = await options.checkpoint({
    key: `v1.edp.stack.push.${label}.${hashFileTree(plan.folder)}`,
    fn: () =>
      withTempDirs(async ({ source: sourceDir, scratch }) => {
        await writeFileTree(sourceDir, plan.folder);
        const r = await forgejo.pushContent(ref.host, {
          cloneUrl: current.clone_url ?? forgejo.webUrl(ref, '.git'),
          sourceDir,
          branch,
          // The stack owns its repositories: the default branch is updated in place.
          base: current.empty ? undefined : branch,
          updateExisting: true,
          commitMessage: `Provision cnoe://${source.dir} of stack ${options.stackName}`,
          author: {
            name: 'EDP Orchestrator',
            email: 'edp-orchestrator@localhost',
          },
          scratchDir: scratch,
        });
        if (r === 'branch-exists' || !r.pushed) return { action: 'unchanged' };
        return {
          action: current.empty ? 'created' : 'updated',
          commitHash: r.commitHash,
        };
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
