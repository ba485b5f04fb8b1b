import type { JsonObject, JsonValue } from '@backstage/types';

/** What a sensitive value becomes in step outputs. */
export const SENSITIVE_MASK = '(sensitive value)';

/**
 * Masks `value` where `marks` (Terraform's `*_sensitive` / `sensitive_values` shape:
 * `true`, or an object/array mirroring the value) says so; collects what it masked.
 */
function maskBy(
  value: JsonValue,
  marks: JsonValue | undefined,
  found: JsonValue[],
): JsonValue {
  if (marks === true) {
    found.push(value);
    return SENSITIVE_MASK;
  }
  if (
    !marks ||
    typeof marks !== 'object' ||
    value === null ||
    typeof value !== 'object'
  ) {
    return value;
  }
  if (Array.isArray(value)) {
    const list = marks as JsonValue[];
    return value.map((v, i) =>
      maskBy(v, Array.isArray(list) ? list[i] : undefined, found),
    );
  }
  const byKey = marks as JsonObject;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      maskBy(v as JsonValue, byKey[k], found),
    ]),
  );
}

const PAIRS: Array<[string, string]> = [
  ['before', 'before_sensitive'],
  ['after', 'after_sensitive'],
  ['values', 'sensitive_values'],
];

function walk(node: JsonValue, found: JsonValue[]): JsonValue {
  if (Array.isArray(node)) return node.map(n => walk(n, found));
  if (!node || typeof node !== 'object') return node;
  const out: JsonObject = {};
  for (const [key, child] of Object.entries(node))
    out[key] = walk(child as JsonValue, found);
  for (const [valueKey, marksKey] of PAIRS) {
    if (valueKey in out && marksKey in out) {
      out[valueKey] = maskBy(
        out[valueKey] as JsonValue,
        out[marksKey] as JsonValue,
        found,
      );
    }
  }
  // Outputs in state and planned values: { sensitive: true, value }.
  if (out.sensitive === true && 'value' in out) {
    found.push(out.value as JsonValue);
    out.value = SENSITIVE_MASK;
  }
  return out;
}

/**
 * Plan JSON (`show -json planfile`) with every sensitive value masked: attributes, outputs
 * and variables declared `sensitive = true`. Returns the masked plan and the raw values,
 * which the caller adds to the log redactor.
 */
export function maskPlan(plan: JsonObject): {
  plan: JsonObject;
  sensitiveValues: JsonValue[];
} {
  const found: JsonValue[] = [];
  const masked = walk(plan, found) as JsonObject;
  const declared = (plan.configuration as any)?.root_module?.variables ?? {};
  const variables = masked.variables as JsonObject | undefined;
  if (variables && typeof variables === 'object') {
    for (const [name, entry] of Object.entries(variables)) {
      if (
        declared[name]?.sensitive &&
        entry &&
        typeof entry === 'object' &&
        'value' in entry
      ) {
        found.push((entry as JsonObject).value as JsonValue);
        variables[name] = { ...(entry as JsonObject), value: SENSITIVE_MASK };
      }
    }
  }
  return { plan: masked, sensitiveValues: found };
}

/** `output -json` → { name: value } with sensitive outputs masked; also returns the raw sensitive values. */
export function maskOutputs(raw: JsonObject): {
  outputs: JsonObject;
  sensitiveValues: JsonValue[];
  sensitiveNames: string[];
} {
  const outputs: JsonObject = {};
  const sensitiveValues: JsonValue[] = [];
  const sensitiveNames: string[] = [];
  for (const [name, entry] of Object.entries(raw)) {
    const { sensitive, value } = (entry ?? {}) as {
      sensitive?: boolean;
      value?: JsonValue;
    };
    if (sensitive) {
      sensitiveNames.push(name);
      if (value !== undefined) sensitiveValues.push(value);
      outputs[name] = SENSITIVE_MASK;
    } else {
      outputs[name] = value ?? null;
    }
  }
  return { outputs, sensitiveValues, sensitiveNames };
}
