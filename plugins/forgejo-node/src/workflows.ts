import type {
  ForgejoDispatchableWorkflow,
  ForgejoWorkflowInput,
  ForgejoWorkflowInputType,
} from '@edp/plugin-forgejo-common';
import { parse } from 'yaml';

/**
 * Where Forgejo looks for workflows, in its order: only the first of these folders that exists at the
 * ref is read (Forgejo's `actions.ListWorkflows`), and only its `.yml`/`.yaml` files.
 * @public
 */
export const FORGEJO_WORKFLOW_DIRECTORIES = [
  '.forgejo/workflows',
  '.gitea/workflows',
  '.github/workflows',
] as const;

/** @public */
export const isWorkflowFile = (name: string) => /\.ya?ml$/.test(name);

const INPUT_TYPES: ForgejoWorkflowInputType[] = [
  'string',
  'choice',
  'boolean',
  'number',
  'environment',
];

/** The `on.workflow_dispatch` section, `{}` when it is there without inputs, undefined when absent. */
function dispatchTrigger(on: unknown): Record<string, unknown> | undefined {
  if (on === 'workflow_dispatch') return {};
  if (Array.isArray(on))
    return on.includes('workflow_dispatch') ? {} : undefined;
  if (on && typeof on === 'object' && 'workflow_dispatch' in on) {
    const section = (on as Record<string, unknown>).workflow_dispatch;
    return section && typeof section === 'object'
      ? (section as Record<string, unknown>)
      : {};
  }
  return undefined;
}

/** YAML scalars as Forgejo reads them into its string fields (`default: true` is "true"). */
const asString = (value: unknown): string | undefined =>
  value === undefined || value === null ? undefined : String(value);

function toInput(name: string, raw: unknown): ForgejoWorkflowInput {
  const spec = (raw && typeof raw === 'object' ? raw : {}) as Record<
    string,
    unknown
  >;
  const declared = asString(spec.type);
  const type = INPUT_TYPES.find(t => t === declared) ?? 'string';
  const options = Array.isArray(spec.options)
    ? spec.options.map(o => String(o))
    : undefined;
  return {
    name,
    description: asString(spec.description),
    type,
    // Forgejo's act model reads `required` as a YAML boolean.
    required: spec.required === true,
    default: asString(spec.default),
    ...(type === 'choice' ? { options: options ?? [] } : {}),
  };
}

/**
 * Reads a workflow file: the workflow and its `workflow_dispatch` inputs when it can be started by
 * hand, undefined when it cannot. Throws when the file is not a YAML mapping.
 * @public
 */
export function parseDispatchableWorkflow(
  path: string,
  text: string,
): ForgejoDispatchableWorkflow | undefined {
  const doc = parse(text);
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new Error(`${path} is not a YAML mapping`);
  }
  const trigger = dispatchTrigger((doc as Record<string, unknown>).on);
  if (!trigger) return undefined;
  const inputs = trigger.inputs;
  const id = path.slice(path.lastIndexOf('/') + 1);
  const name = asString((doc as Record<string, unknown>).name);
  return {
    id,
    name: name || path,
    path,
    inputs:
      inputs && typeof inputs === 'object' && !Array.isArray(inputs)
        ? Object.entries(inputs).map(([key, spec]) => toInput(key, spec))
        : [],
  };
}
