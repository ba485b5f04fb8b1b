import { InputError } from '@backstage/errors';
import type { KubeClient } from '../kubernetes/KubeClient';
import { FIELD_MANAGER } from '../kubernetes/KubeClient';
import { describeObject, Manifest } from '../kubernetes/manifests';
import { throwIfAborted } from '../kubernetes/readiness';
import type { LocalSource, StackManifest } from './cnoe';
import { FileTree, subTree } from './stackFiles';

/** The label every Application of a stack carries; `argocd/app-selector` uses it. */
export const STACK_LABEL = 'edp.io/stack';

const OBJECT_NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

/** Existing objects the run will change, by `Kind namespace/name`. */
export type ExistingObjects = Map<string, Record<string, any>>;

export const objectKey = (m: {
  kind: string;
  metadata: { name: string; namespace?: string };
}) => describeObject(m);

/**
 * Everything that can be checked before a repository is created or pushed: names, duplicates,
 * `cnoe://` folders, kinds the cluster serves, ownership of existing Applications, and a server-side
 * dry-run apply (the cluster's own schema validation). A run that fails here has changed nothing.
 * Returns the manifests normalised by discovery and the objects that already exist.
 */
export async function validateStack(
  client: KubeClient,
  options: {
    stackName: string;
    items: StackManifest[];
    prepared: Manifest[];
    sources: LocalSource[];
    tree: FileTree;
    force: boolean;
    signal?: AbortSignal;
  },
): Promise<{ normalised: Manifest[]; existing: ExistingObjects }> {
  const { items, prepared, stackName } = options;
  const seen = new Map<string, string>();
  items.forEach(({ manifest, where }) => {
    const name = manifest.metadata.name;
    if (!OBJECT_NAME.test(name))
      throw new InputError(
        `${where}: ${manifest.kind} name "${name}" is not a valid Kubernetes name (lower-case letters, digits, '-' and '.', at most 253 characters)`,
      );
    const key = `${manifest.kind}/${name}`;
    const first = seen.get(key);
    if (first)
      throw new InputError(
        `${where}: ${manifest.kind} "${name}" is also defined in ${first}; names must be unique within a stack`,
      );
    seen.set(key, where);
  });
  for (const source of options.sources) {
    if (subTree(options.tree, source.rootDir).size === 0)
      throw new InputError(
        `cnoe://${source.dir} names a folder that does not exist (or is empty) in the stacks repository`,
      );
  }

  const normalised = await Promise.all(
    prepared.map(manifest => client.normalise(manifest)),
  );

  const existing: ExistingObjects = new Map();
  const current = await Promise.all(normalised.map(m => client.get(m)));
  normalised.forEach((manifest, i) => {
    const object = current[i];
    if (!object) return;
    existing.set(objectKey(manifest), object);
    if (options.force) return;
    const owner = object.metadata?.labels?.[STACK_LABEL];
    const what = describeObject(manifest);
    if (owner && owner !== stackName)
      throw new InputError(
        `${what} belongs to stack "${owner}"; provisioning stack "${stackName}" would take it over. Rename it in ${items[i].where}, remove it from stack "${owner}", or set force: true`,
      );
    if (!owner) {
      const managers = [
        ...new Set(
          (object.metadata?.managedFields ?? [])
            .map((f: { manager?: string }) => f.manager)
            .filter((m: string | undefined) => m && m !== FIELD_MANAGER),
        ),
      ];
      throw new InputError(
        `${what} already exists and belongs to no stack (managed by ${
          managers.join(', ') || 'unknown'
        }); provisioning stack "${stackName}" would take it over. Rename it in ${
          items[i].where
        } or set force: true`,
      );
    }
  });

  // The cluster's own validation (schema, admission) before anything is pushed; the objects do
  // not depend on each other, so the dry runs go in parallel.
  throwIfAborted(options.signal);
  await Promise.all(
    normalised.map((manifest, i) =>
      client.apply(manifest, {
        dryRun: true,
        force: options.force,
        before: current[i] ?? null,
      }),
    ),
  );
  return { normalised, existing };
}
