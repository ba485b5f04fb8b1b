import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';

const SANDBOX = path.resolve(__dirname, '../../../../packages/sandbox');
const FORGEJO_SEEDS = path.join(SANDBOX, 'seeds', 'forgejo');
/** The sample stacks this package ships (packages/sandbox/seeds/stacks). */
export const STACK_SEEDS = path.join(SANDBOX, 'seeds', 'stacks');

function filesOf(dir: string, prefix = ''): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of fs.readdirSync(path.join(dir, prefix), {
    withFileTypes: true,
  })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) Object.assign(files, filesOf(dir, rel));
    else files[rel] = fs.readFileSync(path.join(dir, rel), 'utf8');
  }
  return files;
}

/**
 * A Forgejo seed folder whose `platform/stacks` repository also holds the sample stacks of
 * packages/sandbox/seeds/stacks (as one more commit), unless the shipped seeds already have them.
 * This is how the Forgejo stand-in's seeds can pick the folder up; see the module's README.
 */
export function forgejoSeedsWithSampleStacks(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edp-stack-seeds-'));
  fs.cpSync(FORGEJO_SEEDS, dir, { recursive: true });
  const file = path.join(dir, 'repos', 'stacks.yaml');
  const seed = fs.existsSync(file)
    ? YAML.parse(fs.readFileSync(file, 'utf8'))
    : {
        owner: 'platform',
        name: 'stacks',
        default_branch: 'main',
        commits: [],
      };
  const files = filesOf(STACK_SEEDS);
  const present = new Set(
    (seed.commits ?? []).flatMap((c: any) => Object.keys(c.files ?? {})),
  );
  const missing = Object.fromEntries(
    Object.entries(files).filter(([rel]) => !present.has(rel)),
  );
  if (Object.keys(missing).length > 0) {
    seed.commits = [
      ...(seed.commits ?? []),
      {
        message: 'Add the ref-implementation and starter stacks',
        author: 'edp-bot',
        age: '1d',
        files: missing,
      },
    ];
  }
  fs.writeFileSync(file, YAML.stringify(seed));
  return dir;
}

/** Sandbox config for stack tests and the benchmark: the seeded Forgejo, and ArgoCD reconciling from Kubernetes. */
export function stackSandboxConfig(options: {
  reconcileDelayMs: number;
  seeds: string;
}) {
  return {
    services_config: {
      forgejo: { seeds: options.seeds },
      kubernetes: { workloadDelayMs: 0 },
      argocd: {
        instances: {
          alpha: {
            store: 'kubernetes',
            reconciler: {
              reconcileDelayMs: options.reconcileDelayMs,
              resyncIntervalMs: 60_000,
              fetchCacheMs: 0,
            },
            users: [{ username: 'admin', password: 'sandbox-argocd-password' }],
          },
        },
      },
    },
  } as any;
}
