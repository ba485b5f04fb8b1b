import type { LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type { ForgejoRepoApi, ForgejoRepository } from './forgejoRepoApi';

/**
 * Creates the repository, sending the default branch so that Forgejo shows the pushed branch at once.
 * A taken name fails with an InputError unless `allowExisting` is set. The result is what the
 * scaffolder checkpoints, so it stays small and JSON.
 */
export async function ensureRepository(
  api: ForgejoRepoApi,
  options: {
    owner: string;
    asOrganisation: boolean;
    name: string;
    description?: string;
    private: boolean;
    defaultBranch: string;
    allowExisting: boolean;
    logger: LoggerService;
  },
): Promise<{ created: boolean }> {
  const full = `${options.owner}/${options.name}`;
  const result = await api.createRepository(
    options.asOrganisation ? options.owner : undefined,
    {
      name: options.name,
      description: options.description,
      private: options.private,
      default_branch: options.defaultBranch,
    },
  );
  if (result === 'forbidden') {
    throw new InputError(
      `repoUrl owner "${options.owner}": the authenticated user may not create repositories in this organisation.`,
    );
  }
  if (result === 'conflict') {
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
  api: ForgejoRepoApi,
  owner: string,
  name: string,
  signal?: AbortSignal,
): Promise<ForgejoRepository> {
  for (const delay of READY_DELAYS_MS) {
    if (delay) await new Promise(resolve => setTimeout(resolve, delay));
    signal?.throwIfAborted();
    const repo = await api.repository(owner, name);
    if (repo && repo.permissions?.push !== false) return repo;
  }
  throw new Error(
    `${owner}/${name} did not become available for pushing within ${READY_DELAYS_MS.reduce(
      (a, b) => a + b,
    )} ms`,
  );
}
