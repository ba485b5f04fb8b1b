/** The planner: compares configuration with (refreshed) state and lists the changes. */
import { type Diagnostic, TfError } from '../diagnostics';
import { containsUnknown, deepEqual, UNKNOWN } from '../hcl/values';
import type { ModuleConfig } from '../module/config';
import { RESOURCE_TYPES } from '../providers';
import type { Attributes } from '../providers/types';
import type { InstanceState, State } from '../state/stateFile';
import type { View } from '../ui/view';
import { resourceDependencies, topologicalOrder } from './graph';
import {
  aggregate,
  evaluateInstance,
  expand,
  type Expansion,
  instancesOf,
  plannedNew,
  resourceTypeOf,
} from './instances';
import { ModuleScope } from './moduleScope';
import type { OutputChange, ResourceChange } from './types';

export interface PlanInput {
  config: ModuleConfig;
  vars: Record<string, unknown>;
  sensitiveVars: Set<string>;
  workspace: string;
  prior: State;
  destroy: boolean;
  /** Instance addresses given with -replace: replaced even without a change. */
  replace?: string[];
}

export interface Plan {
  changes: ResourceChange[];
  outputs: OutputChange[];
  expansions: Map<string, Expansion>;
  /** Resource address → resource addresses it depends on. */
  dependencies: Map<string, Set<string>>;
  destroy: boolean;
}

/** Re-reads each object in state (local_file checks its file); objects gone are dropped. */
/** Reads every object back; returns the addresses that changed outside Terraform (drift). */
export async function refreshState(
  state: State,
  view: View,
  cwd: string,
): Promise<string[]> {
  const drifted: string[] = [];
  for (const [addr, inst] of [...state.instances]) {
    const type = RESOURCE_TYPES[inst.addr.type];
    const id = String(inst.attributes.id ?? '');
    view.refreshStart(inst.addr, inst.provider, id);
    const current = type?.read
      ? await type.read(inst.attributes, { cwd })
      : inst.attributes;
    if (current === null) {
      state.instances.delete(addr);
      view.resourceDrift(inst.addr, inst.provider, 'delete');
      drifted.push(addr);
    } else {
      if (JSON.stringify(current) !== JSON.stringify(inst.attributes)) {
        view.resourceDrift(inst.addr, inst.provider, 'update');
        drifted.push(addr);
      }
      inst.attributes = current;
      view.refreshComplete(inst.addr, inst.provider, id);
    }
  }
  return drifted;
}

const OUTPUT_SENSITIVE_DETAIL = `To reduce the risk of accidentally exporting sensitive data that was intended to be only internal, Terraform requires that any root module output containing sensitive data be explicitly marked as sensitive, to confirm your intent.

If you do intend to export this data, annotate the output value as sensitive by adding the following argument:
    sensitive = true`;

/** Evaluates outputs; with `lenient`, outputs that fail are skipped instead of failing the run. */
export function evaluateOutputs(
  scope: ModuleScope,
  config: ModuleConfig,
  lenient = false,
): Record<string, { value: unknown; sensitive: boolean }> {
  const out: Record<string, { value: unknown; sensitive: boolean }> = {};
  const diags: Diagnostic[] = [];
  for (const [name, o] of config.outputs) {
    const tracking = { sensitive: false };
    try {
      const value = scope.evalAttribute(o, 'value', o.body.value, {}, tracking);
      const declared = o.body.sensitive === true;
      if (tracking.sensitive && !declared) {
        diags.push({
          severity: 'error',
          summary: 'Output refers to sensitive values',
          detail: OUTPUT_SENSITIVE_DETAIL,
          range: o.range,
        });
        continue;
      }
      out[name] = { value, sensitive: declared };
    } catch (e) {
      if (!lenient && e instanceof TfError) diags.push(...e.diagnostics);
      else if (!lenient) throw e;
    }
  }
  if (diags.length) throw TfError.many(diags);
  return out;
}

function diffInstance(
  type: (typeof RESOURCE_TYPES)[string],
  prior: InstanceState | undefined,
  config: Attributes,
  ignoreChanges: string[],
): { action: ResourceChange['action']; after: Attributes; reason?: string } {
  if (!prior) return { action: 'create', after: plannedNew(type, config) };
  let forceNew = false;
  let changed = false;
  const merged: Attributes = { ...config };
  for (const [name, schema] of Object.entries(type.schema)) {
    if (schema.computed) continue;
    if (ignoreChanges.includes(name)) {
      merged[name] = prior.attributes[name] ?? null;
      continue;
    }
    const before = prior.attributes[name] ?? null;
    if (
      !deepEqual(before, config[name] ?? null) ||
      containsUnknown(config[name])
    ) {
      changed = true;
      if (schema.forceNew) forceNew = true;
    }
  }
  if (!changed) return { action: 'no-op', after: prior.attributes };
  if (forceNew || !type.update)
    return {
      action: 'replace',
      after: plannedNew(type, merged),
      reason: 'cannot_update',
    };
  const after: Attributes = { ...prior.attributes, ...merged };
  for (const [name, schema] of Object.entries(type.schema))
    if (schema.computed && name !== 'id') after[name] = UNKNOWN;
  return { action: 'update', after };
}

export function makePlan(input: PlanInput): Plan {
  const { config, prior } = input;
  const planned = new Map<string, Attributes>();
  const expansions = new Map<string, Expansion>();
  const scope = new ModuleScope(
    config,
    input.vars,
    input.sensitiveVars,
    input.workspace,
    addr =>
      aggregate(config.resources.get(addr)!, expansions.get(addr), a =>
        planned.get(a),
      ),
  );
  const dependencies = resourceDependencies(config, scope);
  const changes: ResourceChange[] = [];
  const desired = new Set<string>();

  if (!input.destroy) {
    for (const addr of topologicalOrder(dependencies)) {
      const block = config.resources.get(addr)!;
      const type = resourceTypeOf(config, block);
      const expansion = expand(scope, block);
      expansions.set(addr, expansion);
      const lifecycle = (block.body.lifecycle?.[0] ?? {}) as Record<
        string,
        unknown
      >;
      const ignore = ((lifecycle.ignore_changes ?? []) as string[]).map(s =>
        String(s).replace(/^\$\{|\}$/g, ''),
      );
      for (const { addr: iaddr, rep } of instancesOf(block, expansion)) {
        desired.add(iaddr.addr);
        const { config: cfg, sensitive } = evaluateInstance(
          scope,
          block,
          type,
          iaddr,
          rep,
        );
        const before = prior.instances.get(iaddr.addr);
        let diff = diffInstance(type, before, cfg, ignore);
        if (before && input.replace?.includes(iaddr.addr)) {
          diff = {
            action: 'replace',
            after: plannedNew(type, cfg),
            reason: 'replace_by_request',
          };
        }
        if (lifecycle.prevent_destroy === true && diff.action === 'replace') {
          throw new TfError(
            'Instance cannot be destroyed',
            `Resource ${iaddr.addr} has lifecycle.prevent_destroy set, but the plan calls for this resource to be destroyed.`,
            block.range,
            iaddr.addr,
          );
        }
        planned.set(iaddr.addr, diff.after);
        changes.push({
          addr: iaddr,
          provider: type.provider,
          action: diff.action,
          reason: diff.reason,
          before: before?.attributes ?? null,
          after: diff.after,
          sensitive: [...new Set([...sensitive, ...(before?.sensitive ?? [])])],
          dependencies: [...(dependencies.get(addr) ?? [])].sort(),
        });
      }
    }
  }
  for (const [addr, inst] of prior.instances) {
    if (desired.has(addr)) continue;
    const block = config.resources.get(inst.addr.resource);
    let reason = 'delete_because_no_resource_config';
    if (input.destroy) reason = '';
    else if (block)
      reason =
        typeof inst.addr.key === 'number'
          ? 'delete_because_count_index'
          : 'delete_because_each_key';
    if (block?.body.lifecycle?.[0]?.prevent_destroy === true) {
      throw new TfError(
        'Instance cannot be destroyed',
        `Resource ${addr} has lifecycle.prevent_destroy set, but the plan calls for this resource to be destroyed.`,
        block.range,
        addr,
      );
    }
    changes.push({
      addr: inst.addr,
      provider: inst.provider,
      action: 'delete',
      reason: reason || undefined,
      before: inst.attributes,
      after: null,
      sensitive: inst.sensitive,
      dependencies: inst.dependencies,
    });
  }
  changes.sort((a, b) =>
    a.addr.addr.localeCompare(b.addr.addr, 'en', { numeric: true }),
  );

  const outputs: OutputChange[] = [];
  const newOutputs = input.destroy ? {} : evaluateOutputs(scope, config);
  for (const [name, o] of Object.entries(newOutputs)) {
    const before = prior.outputs[name];
    let action: OutputChange['action'] = 'update';
    if (!before) action = 'create';
    else if (!containsUnknown(o.value) && deepEqual(before.value, o.value))
      action = 'no-op';
    outputs.push({
      name,
      action,
      sensitive: o.sensitive || !!before?.sensitive,
      before: before?.value ?? null,
      after: o.value,
    });
  }
  for (const [name, o] of Object.entries(prior.outputs)) {
    if (!(name in newOutputs))
      outputs.push({
        name,
        action: 'delete',
        sensitive: o.sensitive,
        before: o.value,
        after: null,
      });
  }
  return { changes, outputs, expansions, dependencies, destroy: input.destroy };
}

export function planHasChanges(plan: Plan): boolean {
  return (
    plan.changes.some(c => c.action !== 'no-op') ||
    plan.outputs.some(o => o.action !== 'no-op')
  );
}
