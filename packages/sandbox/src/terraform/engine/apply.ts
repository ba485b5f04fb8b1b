/**
 * The applier: runs a plan's changes in dependency order (deletes before creates,
 * dependents deleted first), up to `parallelism` at a time. State is written after
 * every finished change, so a failure or an interrupt keeps what was done.
 */
import { type Diagnostic, TfError } from '../diagnostics';
import { containsUnknown, typeOfValue } from '../hcl/values';
import { RESOURCE_TYPES } from '../providers';
import { ResourceError, type Attributes } from '../providers/types';
import type { State, StateWriter } from '../state/stateFile';
import type { HookAction, View } from '../ui/view';
import { aggregate, evaluateInstance, instancesOf } from './instances';
import { ModuleScope } from './moduleScope';
import { evaluateOutputs, type Plan, type PlanInput } from './plan';
import { type ChangeCounts, type ResourceChange } from './types';

export interface ApplyOptions {
  view: View;
  writer: StateWriter;
  signal: AbortSignal;
  parallelism: number;
  cwd: string;
}

export interface ApplyResult {
  counts: ChangeCounts;
  diagnostics: Diagnostic[];
  interrupted: boolean;
}

interface Node {
  id: string;
  change: ResourceChange;
  phase: 'delete' | 'apply';
  deps: string[];
  status: 'waiting' | 'running' | 'done' | 'failed' | 'skipped';
}

function buildNodes(plan: Plan): Map<string, Node> {
  const nodes = new Map<string, Node>();
  const active = plan.changes.filter(c => c.action !== 'no-op');
  for (const c of active) {
    if (c.action === 'delete' || c.action === 'replace') {
      nodes.set(`D:${c.addr.addr}`, {
        id: `D:${c.addr.addr}`,
        change: c,
        phase: 'delete',
        deps: [],
        status: 'waiting',
      });
    }
    if (c.action !== 'delete') {
      nodes.set(`A:${c.addr.addr}`, {
        id: `A:${c.addr.addr}`,
        change: c,
        phase: 'apply',
        deps: [],
        status: 'waiting',
      });
    }
  }
  for (const node of nodes.values()) {
    const c = node.change;
    if (node.phase === 'apply') {
      if (c.action === 'replace') node.deps.push(`D:${c.addr.addr}`);
      for (const other of nodes.values()) {
        if (
          other.phase === 'apply' &&
          c.dependencies.includes(other.change.addr.resource)
        )
          node.deps.push(other.id);
      }
    } else {
      // Whatever depends on this object is destroyed first.
      for (const other of nodes.values()) {
        if (
          other.phase === 'delete' &&
          other.change.dependencies.includes(c.addr.resource)
        )
          node.deps.push(other.id);
      }
    }
  }
  return nodes;
}

export async function applyPlan(
  plan: Plan,
  input: PlanInput,
  working: State,
  opts: ApplyOptions,
): Promise<ApplyResult> {
  const { config } = input;
  const { view } = opts;
  const values = (addr: string) => working.instances.get(addr)?.attributes;
  const scope = new ModuleScope(
    config,
    input.vars,
    input.sensitiveVars,
    input.workspace,
    addr =>
      aggregate(config.resources.get(addr)!, plan.expansions.get(addr), values),
  );
  const nodes = buildNodes(plan);
  const counts: ChangeCounts = { add: 0, change: 0, remove: 0, import: 0 };
  const diagnostics: Diagnostic[] = [];

  const run = async (node: Node) => {
    const c = node.change;
    const type = RESOURCE_TYPES[c.addr.type];
    let action: HookAction = c.action === 'update' ? 'update' : 'create';
    if (node.phase === 'delete') action = 'delete';
    const started = Date.now();
    const elapsed = () => Math.round((Date.now() - started) / 1000);
    const prior = working.instances.get(c.addr.addr);
    const priorId = prior ? String(prior.attributes.id ?? '') : undefined;
    view.applyStart(
      c.addr,
      c.provider,
      action,
      action === 'create' ? undefined : priorId,
    );
    const ctx = {
      cwd: opts.cwd,
      signal: opts.signal,
      progress: (s: number) =>
        view.applyProgress(c.addr, c.provider, action, s),
    };
    try {
      if (action === 'delete') {
        await type.delete(prior?.attributes ?? c.before ?? {}, ctx);
        working.instances.delete(c.addr.addr);
        counts.remove++;
        opts.writer.write(working);
        view.applyComplete(c.addr, c.provider, action, elapsed());
        return;
      }
      const block = config.resources.get(c.addr.resource)!;
      const rep = instancesOf(
        block,
        plan.expansions.get(c.addr.resource)!,
      ).find(i => i.addr.addr === c.addr.addr)!.rep;
      const evaluated = evaluateInstance(scope, block, type, c.addr, rep);
      let attrs: Attributes;
      if (action === 'update')
        attrs = await type.update!(prior!.attributes, evaluated.config, ctx);
      else attrs = await type.create(evaluated.config, ctx);
      working.instances.set(c.addr.addr, {
        addr: c.addr,
        provider: c.provider,
        attributes: attrs,
        sensitive: evaluated.sensitive,
        dependencies: c.dependencies,
      });
      if (action === 'update') counts.change++;
      else counts.add++;
      opts.writer.write(working);
      view.applyComplete(
        c.addr,
        c.provider,
        action,
        elapsed(),
        String(attrs.id ?? ''),
      );
    } catch (e) {
      view.applyErrored(c.addr, c.provider, action, elapsed());
      if (e instanceof ResourceError) {
        const block = config.resources.get(c.addr.resource);
        diagnostics.push({
          severity: 'error',
          summary: e.summary,
          detail: e.detail,
          address: c.addr.addr,
          range: block?.range,
        });
      } else if (e instanceof TfError) diagnostics.push(...e.diagnostics);
      else
        diagnostics.push({
          severity: 'error',
          summary: 'Internal error',
          detail: String((e as Error)?.stack ?? e),
          address: c.addr.addr,
        });
      throw e;
    }
  };

  await new Promise<void>(resolve => {
    const counter = { running: 0 };
    const isReady = (node: Node) =>
      node.status === 'waiting' &&
      node.deps.every(d => (nodes.get(d)?.status ?? 'done') === 'done');
    const start = (node: Node, next: () => void) => {
      node.status = 'running';
      counter.running++;
      run(node)
        .then(
          () => {
            node.status = 'done';
          },
          () => {
            node.status = 'failed';
          },
        )
        .finally(() => {
          counter.running--;
          next();
        });
    };
    const pump = () => {
      for (const node of nodes.values()) {
        if (node.status !== 'waiting') continue;
        const depStates = node.deps.map(d => nodes.get(d)?.status ?? 'done');
        if (
          depStates.some(s => s === 'failed' || s === 'skipped') ||
          opts.signal.aborted
        )
          node.status = 'skipped';
      }
      const ready = [...nodes.values()].filter(isReady);
      for (const node of ready) {
        if (counter.running >= opts.parallelism || opts.signal.aborted) break;
        start(node, pump);
      }
      if (counter.running === 0) resolve();
    };
    opts.signal.addEventListener('abort', () => pump(), { once: true });
    pump();
  });

  // Outputs are recorded from whatever was applied; ones that cannot be evaluated yet are left out.
  const outputs = plan.destroy ? {} : evaluateOutputs(scope, config, true);
  working.outputs = Object.fromEntries(
    Object.entries(outputs)
      .filter(([, o]) => !containsUnknown(o.value))
      .map(([k, o]) => [
        k,
        { value: o.value, type: typeOfValue(o.value), sensitive: o.sensitive },
      ]),
  );
  opts.writer.write(working);
  return { counts, diagnostics, interrupted: opts.signal.aborted };
}
