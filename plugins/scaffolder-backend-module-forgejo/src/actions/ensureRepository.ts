import type { LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  isForgejoError,
  type ForgejoApiRepository,
  type ForgejoCallOptions,
  type ForgejoClient,
  type ForgejoRepoRef,
} from '@edp/plugin-forgejo-node';

/**
 * Creates the repository, sending the default branch so that Forgejo shows the pushed branch at once.
 * A taken name fails with an InputError unless `allowExisting` is set. The result is what the
 * scaffolder checkpoints, so it stays small and JSON.
 */
export async function ensureRepository(
  client: ForgejoClient,
  ref: ForgejoRepoRef,
  options: {
    asOrganisation: boolean;
    description?: string;
    private: boolean;
    defaultBranch: string;
    allowExisting: boolean;
    logger: LoggerService;
    call: ForgejoCallOptions;
  },
): Promise<{ created: boolean }> {
  const full = `${ref.owner}/${ref.repo}`;
  let result: ForgejoApiRepository;
  try {
    result = await client.createRepository(
      ref.host,
      options.asOrganisation ? ref.owner : undefined,
      {
        name: ref.repo,
        description: options.description,
        private: options.private,
        default_branch: options.defaultBranch,
      },
      options.call,
    );
  } catch (e) {
    if (isForgejoError(e) && e.upstreamStatus === 403) {
      throw new InputError(
        `repoUrl owner "${ref.owner}": the authenticated user may not create repositories in this organisation.`,
      );
    }
    if (!(isForgejoError(e) && e.upstreamStatus === 409)) throw e;
    if (!options.allowExisting) {
      throw new InputError(
        `repoUrl names ${full}, which already exists. Choose another repo name, or set allowExisting: true to push to it.`,
      );
    }
    options.logger.info(
      `${full} already exists; pushing to it (allowExisting)`,
    );
    return { created: false };
  }
  options.logger.info(
    `Created ${result.html_url} with default branch ${result.default_branch}`,
  );
  return { created: true };
}

const READY_DELAYS_MS = [0, 250, 500, 1000, 2000, 4000];

/**
 * Waits until the authenticated API shows the repository and grants push. Forgejo creates
 * repositories synchronously, so the first answer normally suffices; a proxy or replica may lag.
 */
export async function waitUntilReady(
  client: ForgejoClient,
  ref: ForgejoRepoRef,
  call: ForgejoCallOptions,
): Promise<ForgejoApiRepository> {
  for (const delay of READY_DELAYS_MS) {
    if (delay) await new Promise(resolve => setTimeout(resolve, delay));
    call.signal?.throwIfAborted();
    const repo = await client.findRepository(ref, call);
    if (repo && repo.permissions?.push !== false) return repo;
  }
  throw new Error(
    `${ref.owner}/${
      ref.repo
    } did not become available for pushing within ${READY_DELAYS_MS.reduce(
      (a, b) => a + b,
    )} ms`,
  );
}
