import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import {
  buildRepository,
  type BuildCommit,
  type BuiltRepository,
} from '../git/build';
import { rfc3339, type ForgejoStore } from '../model';
import {
  parseDuration,
  type SeedAccounts,
  type SeedCommit,
  type SeedRepo,
} from './types';
import {
  addRepositoryRecords,
  gitDirOf,
  personOf,
  resolverOf,
  type At,
} from './records';

/** packages/sandbox/seeds/forgejo */
export function defaultSeedDir(): string {
  return path.resolve(__dirname, '..', '..', '..', 'seeds', 'forgejo');
}

function readYaml(file: string): unknown {
  const doc = YAML.parseDocument(fs.readFileSync(file, 'utf8'), {
    prettyErrors: true,
  });
  if (doc.errors.length > 0)
    throw new Error(`${file}: ${doc.errors[0].message}`);
  return doc.toJS();
}

/** Every file under `dir`, by path relative to it (with `/`), in a stable order. */
function filesUnder(dir: string, prefix = ''): Record<string, string> {
  const files: Record<string, string> = {};
  const entries = fs.readdirSync(path.join(dir, prefix), {
    withFileTypes: true,
  });
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) Object.assign(files, filesUnder(dir, rel));
    else if (entry.isFile())
      files[rel] = fs.readFileSync(path.join(dir, rel), 'utf8');
  }
  return files;
}

/** Replaces each commit's `files_from` folder (relative to the seed file) with the files it holds. */
function withFilesFrom(repo: SeedRepo, file: string): SeedRepo {
  const expand = (c: SeedCommit): SeedCommit => {
    if (c.files_from === undefined) return c;
    const dir = path.resolve(path.dirname(file), c.files_from);
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
      throw new Error(
        `${file}: commit "${c.message}" has files_from ${c.files_from}, but ${dir} is not a folder`,
      );
    }
    const expanded: SeedCommit = {
      ...c,
      files: { ...filesUnder(dir), ...c.files },
    };
    delete expanded.files_from;
    return expanded;
  };
  return {
    ...repo,
    commits: repo.commits?.map(expand),
    branches: repo.branches?.map(b => ({
      ...b,
      commits: b.commits.map(expand),
    })),
  };
}

/** Reads the accounts and every repository file of a seed folder. */
export function readSeeds(dir: string): {
  accounts: SeedAccounts;
  repos: SeedRepo[];
} {
  const accounts = (readYaml(path.join(dir, 'accounts.yaml')) ??
    {}) as Partial<SeedAccounts>;
  const repoDir = path.join(dir, 'repos');
  const repos: SeedRepo[] = [];
  for (const file of fs
    .readdirSync(repoDir)
    .filter(f => /\.ya?ml$/.test(f))
    .sort()) {
    const content = readYaml(path.join(repoDir, file));
    for (const repo of Array.isArray(content) ? content : [content]) {
      if (
        !repo ||
        typeof repo !== 'object' ||
        !(repo as SeedRepo).owner ||
        !(repo as SeedRepo).name
      ) {
        throw new Error(
          `${path.join(repoDir, file)}: every repository needs owner and name`,
        );
      }
      repos.push(withFilesFrom(repo as SeedRepo, path.join(repoDir, file)));
    }
  }
  return {
    accounts: { users: accounts.users ?? [], orgs: accounts.orgs ?? [] },
    repos,
  };
}

/** Fills the store with accounts and builds every seeded repository under `reposRoot`. */
export async function applySeeds(
  store: ForgejoStore,
  seeds: { accounts: SeedAccounts; repos: SeedRepo[] },
  reposRoot: string,
  now = Date.now(),
): Promise<void> {
  const at = (age: string | undefined, where: string) =>
    rfc3339(now - parseDuration(age, where));
  for (const u of seeds.accounts.users) {
    store.users.set(u.login.toLowerCase(), {
      id: store.id('user'),
      login: u.login,
      fullName: u.full_name ?? '',
      email: u.email ?? `${u.login}@sandbox.local`,
      password: u.password,
      tokens: u.tokens ?? [],
      isAdmin: !!u.admin,
      created: at(u.age, `user ${u.login}`),
    });
  }
  for (const o of seeds.accounts.orgs) {
    store.orgs.set(o.name.toLowerCase(), {
      // Forgejo keeps users and organisations in one table, so their ids never collide.
      id: store.id('user'),
      name: o.name,
      fullName: o.full_name ?? '',
      description: o.description ?? '',
      website: o.website ?? '',
      location: o.location ?? '',
      members: o.members ?? [],
      created: at(o.age, `org ${o.name}`),
    });
  }
  // Git history is built two repositories at a time (a few dozen git processes each; 2 cores), then the
  // records are added in seed order so that ids are the same at every start.
  const built = new Map<SeedRepo, BuiltRepository>();
  const queue = [...seeds.repos];
  const worker = async () => {
    for (let seed = queue.shift(); seed; seed = queue.shift())
      built.set(seed, await buildSeedRepository(store, seed, reposRoot, at));
  };
  await Promise.all([worker(), worker()]);
  for (const seed of seeds.repos)
    addRepositoryRecords(store, seed, built.get(seed)!, reposRoot, at);
}

function buildSeedRepository(
  store: ForgejoStore,
  seed: SeedRepo,
  reposRoot: string,
  at: At,
): Promise<BuiltRepository> {
  const where = `repository ${seed.owner}/${seed.name}`;
  if (!store.owner(seed.owner))
    throw new Error(
      `${where}: owner "${seed.owner}" is neither a user nor an organisation of accounts.yaml`,
    );
  const person = personOf(store, where);
  const toBuild = (c: SeedCommit): BuildCommit => {
    const user = person(c.author);
    return {
      message: c.message,
      author: { name: user.fullName || user.login, email: user.email },
      date: new Date(at(c.age, `${where} commit "${c.message}"`)),
      files: c.files ?? {},
      delete: c.delete ?? [],
    };
  };
  const defaultBranch = seed.default_branch ?? 'main';
  const resolve = resolverOf(where, defaultBranch);
  return buildRepository({
    gitDir: gitDirOf(reposRoot, seed),
    defaultBranch,
    mainline: (seed.commits ?? []).map(toBuild),
    branches: (seed.branches ?? []).map(b => ({
      name: b.name,
      from: b.from,
      commits: b.commits.map(toBuild),
    })),
    // Forgejo creates a release's tag when it is published: a draft has none yet.
    tags: (seed.releases ?? [])
      .filter(r => !r.draft)
      .map(r => ({
        name: r.tag,
        sha: b => resolve(b, r.commit),
      })),
  });
}
