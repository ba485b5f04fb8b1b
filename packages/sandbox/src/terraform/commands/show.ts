/** `show`: the state, or a saved plan; `-json` gives Terraform's JSON representations. */
import path from 'node:path';
import { parseFlags } from '../cli/args';
import type { CommandContext } from '../cli/context';
import { TfError } from '../diagnostics';
import { isPlanFile, readPlanFile, type SavedPlan } from '../engine/planFile';
import { countChanges, type ResourceChange } from '../engine/types';
import { containsUnknown, isUnknown, renderValue } from '../hcl/values';
import { providerSource } from '../providers';
import { type InstanceState, readState, type State } from '../state/stateFile';
import { HumanView } from '../ui/humanView';
import { reportError } from './report';
import { openWorkspace } from './operation';

type Json = Record<string, unknown>;

function mask(attrs: Json | null, sensitive: string[]): Json | false {
  if (!attrs) return false;
  return Object.fromEntries(
    sensitive.filter(k => k in attrs).map(k => [k, true]),
  );
}

function withoutUnknown(attrs: Json | null): Json | null {
  if (!attrs) return null;
  return Object.fromEntries(
    Object.entries(attrs).filter(([, v]) => !containsUnknown(v)),
  );
}

function unknownMap(attrs: Json | null): Json {
  if (!attrs) return {};
  return Object.fromEntries(
    Object.entries(attrs)
      .filter(([, v]) => isUnknown(v))
      .map(([k]) => [k, true]),
  );
}

function resourceJson(
  i: { addr: InstanceState['addr']; provider: string },
  registry: string,
) {
  return {
    address: i.addr.addr,
    mode: 'managed',
    type: i.addr.type,
    name: i.addr.name,
    ...(i.addr.key !== null ? { index: i.addr.key } : {}),
    provider_name: providerSource(i.provider, registry),
    schema_version: 0,
  };
}

function stateValues(state: State, registry: string): Json {
  const outputs = Object.fromEntries(
    Object.entries(state.outputs).map(([k, o]) => [
      k,
      { sensitive: o.sensitive, value: o.value, type: o.type },
    ]),
  );
  const resources = [...state.instances.values()].map(i => ({
    ...resourceJson(i, registry),
    values: i.attributes,
    sensitive_values: mask(i.attributes, i.sensitive),
  }));
  return { outputs, root_module: { resources } };
}

const ACTIONS: Record<string, string[]> = {
  create: ['create'],
  update: ['update'],
  delete: ['delete'],
  replace: ['delete', 'create'],
  'no-op': ['no-op'],
};

function planJson(
  plan: SavedPlan,
  state: State,
  version: string,
  registry: string,
): Json {
  const active = plan.changes.filter(c => c.action !== 'delete');
  return {
    format_version: '1.2',
    terraform_version: version,
    variables: Object.fromEntries(
      Object.entries(plan.variables).map(([k, v]) => [k, { value: v }]),
    ),
    planned_values: {
      outputs: Object.fromEntries(
        plan.outputs
          .filter(o => o.action !== 'delete')
          .map(o => [
            o.name,
            {
              sensitive: o.sensitive,
              ...(containsUnknown(o.after) ? {} : { value: o.after }),
            },
          ]),
      ),
      root_module: {
        resources: active.map(c => ({
          ...resourceJson(c, registry),
          values: withoutUnknown(c.after),
          sensitive_values: mask(c.after, c.sensitive),
        })),
      },
    },
    resource_changes: plan.changes.map((c: ResourceChange) => ({
      ...resourceJson(c, registry),
      change: {
        actions: ACTIONS[c.action],
        before: c.before,
        after: withoutUnknown(c.after),
        after_unknown: unknownMap(c.after),
        before_sensitive: mask(c.before, c.sensitive),
        after_sensitive: mask(c.after, c.sensitive),
      },
      ...(c.reason ? { action_reason: c.reason } : {}),
    })),
    output_changes: Object.fromEntries(
      plan.outputs.map(o => [
        o.name,
        {
          actions: ACTIONS[o.action],
          before: o.before,
          after: containsUnknown(o.after) ? null : o.after,
          after_unknown: containsUnknown(o.after),
          before_sensitive: o.sensitive,
          after_sensitive: o.sensitive,
        },
      ]),
    ),
    prior_state: {
      format_version: '1.0',
      terraform_version: version,
      values: stateValues(state, registry),
    },
    configuration: { root_module: {} },
    timestamp: plan.createdAt,
    applyable:
      countChanges(plan.changes).add +
        countChanges(plan.changes).change +
        countChanges(plan.changes).remove >
        0 || plan.outputs.some(o => o.action !== 'no-op'),
    complete: true,
    errored: plan.errored,
  };
}

export async function showCommand(
  ctx: CommandContext,
  args: string[],
): Promise<number> {
  const view = new HumanView(
    ctx.flavor,
    ctx.stdout,
    ctx.stderr,
    ctx.layout.cwd,
  );
  try {
    const flags = parseFlags(
      args,
      { json: 'bool', 'no-color': 'bool' },
      'show',
      ctx.flavor.command,
    );
    const [file, ...extra] = flags.positional;
    if (extra.length)
      throw new TfError(
        'Too many command line arguments',
        'Expected at most one positional argument.',
      );
    const registry = ctx.flavor.registryHost;
    const state = readState((await openWorkspace(ctx)).stateFile);
    if (file && isPlanFile(path.resolve(ctx.layout.cwd, file))) {
      const plan = readPlanFile(
        path.resolve(ctx.layout.cwd, file),
        ctx.flavor.command,
      );
      if (flags.bools.json)
        ctx.stdout(
          `${JSON.stringify(
            planJson(plan, state, ctx.flavor.version, registry),
          )}\n`,
        );
      else
        view.plan(
          plan.changes,
          plan.outputs,
          countChanges(plan.changes),
          plan.destroy ? 'destroy' : 'plan',
        );
      return 0;
    }
    const shown = file ? readState(path.resolve(ctx.layout.cwd, file)) : state;
    if (flags.bools.json) {
      const body = shown.lineage
        ? {
            format_version: '1.0',
            terraform_version: ctx.flavor.version,
            values: stateValues(shown, registry),
          }
        : { format_version: '1.0' };
      ctx.stdout(`${JSON.stringify(body)}\n`);
      return 0;
    }
    if (!shown.instances.size && !Object.keys(shown.outputs).length) {
      ctx.stdout('No state.\n');
      return 0;
    }
    for (const i of shown.instances.values()) {
      ctx.stdout(
        `# ${i.addr.addr}:\nresource "${i.addr.type}" "${
          i.addr.name
        }" ${renderValue(
          Object.fromEntries(
            Object.entries(i.attributes).map(([k, v]) => [
              k,
              i.sensitive.includes(k) ? '(sensitive value)' : v,
            ]),
          ),
        )}\n\n`,
      );
    }
    const outs = Object.entries(shown.outputs);
    if (outs.length)
      ctx.stdout(
        `\nOutputs:\n\n${outs
          .map(
            ([k, o]) =>
              `${k} = ${
                o.sensitive ? '(sensitive value)' : renderValue(o.value)
              }`,
          )
          .join('\n')}\n`,
      );
    return 0;
  } catch (e) {
    return reportError(view, e);
  }
}
