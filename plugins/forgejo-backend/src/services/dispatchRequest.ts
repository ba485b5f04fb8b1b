import { InputError } from '@backstage/errors';
import type {
  ForgejoDispatchOptions,
  ForgejoDispatchRequest,
  ForgejoWorkflowInput,
} from '@edp/plugin-forgejo-common';

/** Longest ref or input value accepted; Forgejo keeps inputs in the run's event payload. */
const MAX_VALUE_LENGTH = 4096;

/** Checks the shape of `POST .../ci/dispatches`; every problem names the field and the fix. */
export function parseDispatchRequest(body: unknown): ForgejoDispatchRequest {
  const b = (
    body && typeof body === 'object' && !Array.isArray(body) ? body : {}
  ) as Record<string, unknown>;
  if (typeof b.workflow !== 'string' || b.workflow.trim() === '') {
    throw new InputError(
      'workflow must be the file name of a workflow of the repository, such as "build.yml"',
    );
  }
  if (typeof b.ref !== 'string' || b.ref.trim() === '') {
    throw new InputError(
      'ref must be the branch to run the workflow on, such as "main"',
    );
  }
  if (b.ref.length > MAX_VALUE_LENGTH) {
    throw new InputError(`ref is longer than ${MAX_VALUE_LENGTH} characters`);
  }
  const inputs = b.inputs ?? {};
  if (typeof inputs !== 'object' || Array.isArray(inputs) || !inputs) {
    throw new InputError(
      'inputs must be an object of input names to string values',
    );
  }
  for (const [name, value] of Object.entries(inputs)) {
    if (typeof value !== 'string') {
      throw new InputError(
        `inputs.${name} must be a string (Forgejo passes every input as text; booleans as "true" or "false")`,
      );
    }
    if (value.length > MAX_VALUE_LENGTH) {
      throw new InputError(
        `inputs.${name} is longer than ${MAX_VALUE_LENGTH} characters`,
      );
    }
  }
  return {
    workflow: b.workflow.trim(),
    ref: b.ref.trim(),
    inputs: inputs as Record<string, string>,
  };
}

const label = (input: ForgejoWorkflowInput) =>
  input.description ? ` (${input.description})` : '';

function checkValue(workflow: string, input: ForgejoWorkflowInput, v: string) {
  const field = `inputs.${input.name}`;
  if (input.type === 'choice' && !(input.options ?? []).includes(v)) {
    throw new InputError(
      `${field} of ${workflow} must be one of ${(input.options ?? [])
        .map(o => `"${o}"`)
        .join(', ')}; got "${v}"`,
    );
  }
  if (input.type === 'boolean' && v !== 'true' && v !== 'false') {
    throw new InputError(
      `${field} of ${workflow} is a boolean: send "true" or "false", got "${v}"`,
    );
  }
  if (
    input.type === 'number' &&
    (v.trim() === '' || !Number.isFinite(Number(v)))
  ) {
    throw new InputError(
      `${field} of ${workflow} must be a number, got "${v}"`,
    );
  }
}

/**
 * Checks a dispatch against the workflows Forgejo would read at that ref, with Forgejo's own rules
 * (an empty value counts as missing, the default fills it in), so the user learns which field to fix
 * before anything is sent with the server's token. Returns the inputs to send: only the declared
 * ones, and only those with a value.
 */
export function checkDispatch(
  request: ForgejoDispatchRequest,
  options: ForgejoDispatchOptions & { refIsBranch: boolean },
  repository: string,
): Record<string, string> {
  if (!options.refIsBranch) {
    throw new InputError(
      `ref "${
        request.ref
      }" is not a branch of ${repository}; choose one of: ${options.branches.join(
        ', ',
      )}`,
    );
  }
  const workflow = options.workflows.find(w => w.id === request.workflow);
  if (!workflow) {
    const ids = options.workflows.map(w => w.id);
    throw new InputError(
      `workflow "${request.workflow}" is not a workflow of ${repository} at ${
        request.ref
      } that can be started by hand (on: workflow_dispatch); ${
        ids.length ? `choose one of: ${ids.join(', ')}` : 'it has none'
      }`,
    );
  }
  const given = request.inputs ?? {};
  const declared = new Map(workflow.inputs.map(i => [i.name, i]));
  for (const name of Object.keys(given)) {
    if (!declared.has(name)) {
      throw new InputError(
        `inputs.${name} is not an input of ${workflow.id}; its inputs are: ${
          [...declared.keys()].join(', ') || 'none'
        }`,
      );
    }
  }
  const send: Record<string, string> = {};
  for (const input of workflow.inputs) {
    const value = given[input.name] ?? '';
    if (value === '') {
      if (input.required && !input.default) {
        throw new InputError(
          `inputs.${input.name} is required by ${workflow.id}${label(input)}`,
        );
      }
      continue; // Forgejo fills in the default
    }
    checkValue(workflow.id, input, value);
    send[input.name] = value;
  }
  return send;
}
