import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Sandbox } from '../host/sandbox';
import type { ForgejoStandInState } from './index';
import { buildRepository, type BuiltRepository } from './git/build';
import { languageBytes } from './git/languages';
import { rfc3339 } from './model';
import { applySeeds } from './seed/load';
import { addRepositoryRecords, gitDirOf } from './seed/records';
import { parseDuration, type SeedRepo } from './seed/types';

export interface BulkRepositoriesOptions {
  /** Organisations to create (edp-bot is a member of each). */
  organizations: string[];
  /** Repositories per organisation, named `repo-0001`, `repo-0002`, … */
  perOrganization: number;
  /** Which repositories hold a catalog-info.yaml on their default branch (all unless given). */
  withCatalogFile?: (index: number) => boolean;
  /** How long ago their single commit was made (and the repositories last changed): 1h unless set. */
  age?: string;
}

/**
 * Adds many repositories to a running Forgejo stand-in for benchmarks and scale tests, through the
 * stand-in's own seed path (organisation and repository records exactly as seeds/forgejo yields
 * them). Building each one with git would spawn about ten git processes per repository, so the two
 * kinds of history (with and without a catalog file) are built once and their bare repositories
 * copied; each copy then has its own git directory, as after a push.
 */
export async function seedBulkRepositories(
  sandbox: Sandbox,
  options: BulkRepositoriesOptions,
): Promise<{ repositories: number; withCatalogFile: number }> {
  const state = sandbox.standIns.get('forgejo')?.state as
    | ForgejoStandInState
    | undefined;
  if (!state) throw new Error('the sandbox runs no Forgejo stand-in');
  const { store, reposRoot } = state;
  const now = Date.now();
  const age = options.age ?? '1h';
  const at = (value: string | undefined, where: string) =>
    rfc3339(now - parseDuration(value ?? age, where));
  await applySeeds(
    store,
    {
      accounts: {
        users: [],
        orgs: options.organizations.map(name => ({
          name,
          members: ['edp-bot'],
        })),
      },
      repos: [],
    },
    reposRoot,
    now,
  );

  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'edp-forgejo-bulk-'));
  try {
    const template = async (files: Record<string, string>) => {
      const gitDir = path.join(scratch, `${Object.keys(files).length}.git`);
      const built = await buildRepository({
        gitDir,
        defaultBranch: 'main',
        mainline: [
          {
            message: 'Initial commit',
            author: { name: 'EDP Bot', email: 'edp-bot@sandbox.local' },
            date: new Date(at(age, 'bulk repositories')),
            files,
            delete: [],
          },
        ],
        branches: [],
        tags: [],
      });
      return { gitDir, built };
    };
    const plain = await template({ 'README.md': '# bulk\n' });
    const cataloged = await template({
      'README.md': '# bulk\n',
      // The same file in every copy: discovery only asks whether it exists.
      'catalog-info.yaml':
        'apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata: {name: bulk}\nspec: {targets: []}\n',
    });

    let withCatalogFile = 0;
    let repositories = 0;
    for (const organization of options.organizations) {
      for (let i = 1; i <= options.perOrganization; i++) {
        const name = `repo-${String(i).padStart(4, '0')}`;
        const hasFile = options.withCatalogFile?.(i) ?? true;
        const seed: SeedRepo = {
          owner: organization,
          name,
          default_branch: 'main',
          commits: [{ message: 'Initial commit', author: 'edp-bot', age }],
        };
        const from: { gitDir: string; built: BuiltRepository } = hasFile
          ? cataloged
          : plain;
        const gitDir = gitDirOf(reposRoot, seed);
        fs.cpSync(from.gitDir, gitDir, { recursive: true });
        addRepositoryRecords(store, seed, from.built, reposRoot, at);
        // Forgejo computes language statistics when a push arrives, not when a listing asks.
        await languageBytes(gitDir, from.built.mainline[0]);
        repositories++;
        if (hasFile) withCatalogFile++;
      }
    }
    return { repositories, withCatalogFile };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
