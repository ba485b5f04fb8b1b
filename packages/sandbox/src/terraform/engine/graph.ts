/** Dependency order of resources: from references in their arguments and `depends_on`. */
import { TfError } from '../diagnostics';
import type { ModuleConfig } from '../module/config';
import type { ModuleScope } from './moduleScope';

/** Resource address → resource addresses it depends on. */
export function resourceDependencies(
  config: ModuleConfig,
  scope: ModuleScope,
): Map<string, Set<string>> {
  const deps = new Map<string, Set<string>>();
  for (const [addr, block] of config.resources) {
    const set = scope.dependencies(block.body);
    for (const d of (block.body.depends_on ?? []) as string[]) {
      const ref = String(d).replace(/^\$\{|\}$/g, '');
      if (config.resources.has(ref)) set.add(ref);
      else
        throw new TfError(
          'Invalid depends_on reference',
          `"${ref}" is not a resource declared in this module.`,
          block.range,
        );
    }
    set.delete(addr);
    deps.set(addr, set);
  }
  return deps;
}

/** Resources in an order where each comes after everything it depends on. */
export function topologicalOrder(deps: Map<string, Set<string>>): string[] {
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (n: string, trail: string[]) => {
    if (state.get(n) === 'done') return;
    if (state.get(n) === 'visiting') {
      throw new TfError(
        'Cycle',
        `Cycle: ${[...trail.slice(trail.indexOf(n)), n].join(' → ')}`,
      );
    }
    state.set(n, 'visiting');
    for (const d of deps.get(n) ?? []) visit(d, [...trail, n]);
    state.set(n, 'done');
    order.push(n);
  };
  [...deps.keys()].sort().forEach(n => visit(n, []));
  return order;
}
