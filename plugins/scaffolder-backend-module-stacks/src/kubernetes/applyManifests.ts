import type { LoggerService } from '@backstage/backend-plugin-api';
import type { ApplyAction, KubeClient } from './KubeClient';
import { describeObject, Manifest } from './manifests';
import { throwIfAborted } from './readiness';

export interface AppliedObject {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
  action: ApplyAction;
}

export interface ApplyManifestsOptions {
  /** Namespace for namespaced objects that name none. */
  namespace?: string;
  /** Create missing namespaces of namespaced objects. */
  createNamespace?: boolean;
  dryRun?: boolean;
  force?: boolean;
  logger?: LoggerService;
  signal?: AbortSignal;
  /**
   * Called once every kind is resolved (namespaced objects carry their namespace, cluster-scoped ones
   * none) and before the first change, dry-runs included: a permission gate throws here.
   */
  beforeChange?: (normalised: Manifest[]) => Promise<void>;
}

// Namespaces and CRDs first, so that objects in them can be applied in the same run.
const ORDER: Record<string, number> = {
  Namespace: 0,
  CustomResourceDefinition: 1,
};
const CONCURRENCY = 4;

/** Like Promise.all over `items`, with at most `limit` calls at a time; results keep their order. */
async function mapLimit<T, R>(
  items: T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, worker),
  );
  return results;
}

/**
 * Applies manifests with server-side apply, after resolving every kind first (so that an
 * unknown kind fails the step before anything is changed).
 */
export async function applyManifests(
  client: KubeClient,
  manifests: Manifest[],
  options: ApplyManifestsOptions = {},
): Promise<{ applied: AppliedObject[]; normalised: Manifest[] }> {
  const normalised: Manifest[] = [];
  for (const manifest of manifests) {
    normalised.push(await client.normalise(manifest, options.namespace));
  }
  await options.beforeChange?.(normalised);
  // Namespaces and CRDs go first, one by one; the other objects do not depend on each other
  // and are applied a few at a time (outputs keep the input order).
  const first = normalised
    .filter(m => m.kind in ORDER)
    .sort((a, b) => ORDER[a.kind] - ORDER[b.kind]);
  const rest = normalised.filter(m => !(m.kind in ORDER));
  const applied: AppliedObject[] = [];
  // In a dry run nothing is created, so objects in a namespace that would be created cannot be
  // checked by the server (it answers 404); they are reported as they would be.
  const dryRunNamespaces = new Set<string>();
  const suffix = options.dryRun ? ' (dry run)' : '';
  const record = (manifest: Manifest, action: ApplyAction) => {
    options.logger?.info(`${describeObject(manifest)} ${action}${suffix}`);
    return entry(manifest, action);
  };

  for (const manifest of first) {
    throwIfAborted(options.signal);
    const result = await client.apply(manifest, options);
    if (
      manifest.kind === 'Namespace' &&
      result.action === 'created' &&
      options.dryRun
    ) {
      dryRunNamespaces.add(manifest.metadata.name);
    }
    applied.push(record(manifest, result.action));
  }
  if (options.createNamespace) {
    const namespaces = [
      ...new Set(rest.map(m => m.metadata.namespace).filter(Boolean)),
    ] as string[];
    for (const namespace of namespaces) {
      throwIfAborted(options.signal);
      const created = await client.ensureNamespace(namespace, options);
      if (!created) continue;
      if (options.dryRun) dryRunNamespaces.add(namespace);
      applied.push(
        record(
          {
            apiVersion: 'v1',
            kind: 'Namespace',
            metadata: { name: namespace },
          },
          created.action,
        ),
      );
    }
  }
  const results = await mapLimit(rest, CONCURRENCY, async manifest => {
    throwIfAborted(options.signal);
    const namespace = manifest.metadata.namespace;
    if (namespace && dryRunNamespaces.has(namespace))
      return record(manifest, 'created');
    return record(manifest, (await client.apply(manifest, options)).action);
  });
  applied.push(...results);
  return { applied, normalised };
}

function entry(manifest: Manifest, action: ApplyAction): AppliedObject {
  return {
    apiVersion: manifest.apiVersion,
    kind: manifest.kind,
    ...(manifest.metadata.namespace
      ? { namespace: manifest.metadata.namespace }
      : {}),
    name: manifest.metadata.name,
    action,
  };
}
