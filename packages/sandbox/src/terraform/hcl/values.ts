/** Values as the evaluator sees them: plain JSON values plus one "known after apply" marker. */

class UnknownValue {
  toString() {
    return '(known after apply)';
  }
}

/** A value that is only known once the resource it comes from has been created. */
export const UNKNOWN = new UnknownValue();

export function isUnknown(v: unknown): boolean {
  return v === UNKNOWN;
}

export function containsUnknown(v: unknown): boolean {
  if (v === UNKNOWN) return true;
  if (Array.isArray(v)) return v.some(containsUnknown);
  if (v && typeof v === 'object') return Object.values(v).some(containsUnknown);
  return false;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  if (
    a &&
    b &&
    typeof a === 'object' &&
    typeof b === 'object' &&
    !Array.isArray(a) &&
    !Array.isArray(b)
  ) {
    const ka = Object.keys(a).filter(k => (a as any)[k] !== undefined);
    const kb = Object.keys(b).filter(k => (b as any)[k] !== undefined);
    return (
      ka.length === kb.length &&
      ka.every(k => deepEqual((a as any)[k], (b as any)[k]))
    );
  }
  return false;
}

/** The type of a value in Terraform's JSON notation, as `output -json` and the state file print it. */
export function typeOfValue(v: unknown): unknown {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  if (v === null || v === undefined) return 'dynamic';
  if (Array.isArray(v)) return ['tuple', v.map(typeOfValue)];
  return [
    'object',
    Object.fromEntries(
      Object.entries(v as object).map(([k, x]) => [k, typeOfValue(x)]),
    ),
  ];
}

/** Renders a value the way Terraform prints it in human output (HCL-ish). */
export function renderValue(v: unknown, indent = ''): string {
  if (v === UNKNOWN) return '(known after apply)';
  if (typeof v === 'string')
    return v.includes('\n') ? `<<-EOT\n${v}EOT` : JSON.stringify(v);
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return `[\n${v
      .map(x => `${indent}  ${renderValue(x, `${indent}  `)},`)
      .join('\n')}\n${indent}]`;
  }
  if (typeof v === 'object') {
    const entries = Object.entries(v as object);
    if (entries.length === 0) return '{}';
    const width = Math.max(...entries.map(([k]) => k.length));
    return `{\n${entries
      .map(
        ([k, x]) =>
          `${indent}  ${k.padEnd(width)} = ${renderValue(x, `${indent}  `)}`,
      )
      .join('\n')}\n${indent}}`;
  }
  return String(v);
}
