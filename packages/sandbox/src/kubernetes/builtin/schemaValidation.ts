import type { Schema } from './derive';
import { INT_OR_STRING, QUANTITY } from './derive';
import { goTypeName, resolve, SCHEMAS } from './builtinSchemas';

/** What decoding and validating one object against its kind's definition found. */
export interface SchemaFindings {
  /** The first value of the wrong JSON type, as Go's decoder words it (decoding stops there). */
  typeError?: string;
  /** Fields the definition does not have, as `spec.template.spec.containers[0].foo`. */
  unknownFields: string[];
  /** Required fields that are missing, as `spec.template.spec.containers[0].name`. */
  missing: string[];
}

type Segment = string | number;

/** `spec.containers[0].name`: the field path of the API server's messages. */
export function fieldPath(segments: Segment[]): string {
  return segments
    .map((s, i) => {
      if (typeof s === 'number') return `[${s}]`;
      return i ? `.${s}` : s;
    })
    .join('');
}

function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'boolean') return 'bool';
  return typeof value === 'object' ? 'object' : typeof value;
}

function goType(schema: Schema, name?: string): string {
  if (name) return goTypeName(name);
  switch (schema.type) {
    case 'integer':
      return schema.format === 'int64' ? 'int64' : 'int32';
    case 'number':
      return 'float64';
    case 'boolean':
      return 'bool';
    case 'string':
      return schema.format === 'byte' ? '[]uint8' : 'string';
    case 'array': {
      const item = resolve(schema.items ?? {});
      return `[]${goType(item.schema, item.name)}`;
    }
    case 'object': {
      const value = resolve(schema.additionalProperties ?? {});
      return `map[string]${goType(value.schema, value.name)}`;
    }
    default:
      return 'interface {}';
  }
}

function matchesType(schema: Schema, name: string | undefined, value: unknown) {
  if (name === INT_OR_STRING)
    return typeof value === 'string' || Number.isInteger(value);
  if (name === QUANTITY)
    return typeof value === 'string' || typeof value === 'number';
  switch (schema.type) {
    case 'object':
      return typeof value === 'object' && !Array.isArray(value);
    case 'array':
      return Array.isArray(value);
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    default:
      return true;
  }
}

/**
 * Walks `obj` along the definition `rootName` the way the API server decodes a built-in kind:
 * JSON types per field (`null` is always accepted), unknown fields, required fields. Also the two
 * checks of the server's own validation that catch the most common broken manifests: a Pod spec
 * needs at least one container, and every container an image.
 */
export function checkAgainstSchema(
  rootName: string,
  obj: Record<string, any>,
): SchemaFindings {
  const findings: SchemaFindings = { unknownFields: [], missing: [] };
  const visit = (
    schemaIn: Schema,
    value: unknown,
    path: Segment[],
    goPath: string[],
    struct: string,
  ): void => {
    if (value === null || value === undefined || findings.typeError) return;
    const { schema, name } = resolve(schemaIn);
    if (!matchesType(schema, name, value)) {
      findings.typeError = `json: cannot unmarshal ${jsonKind(value)} into Go ${
        goPath.length ? `struct field ${struct}.${goPath.join('.')}` : 'value'
      } of type ${goType(schema, name)}`;
      return;
    }
    if (name === INT_OR_STRING || name === QUANTITY) return;
    if (Array.isArray(value)) {
      value.forEach((item, i) =>
        visit(schema.items ?? {}, item, [...path, i], goPath, struct),
      );
      return;
    }
    if (typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    const structName = name ? goTypeName(name).split('.')[1] : struct;
    if (schema.properties) {
      for (const field of schema.required ?? []) {
        if (record[field] === undefined)
          findings.missing.push(fieldPath([...path, field]));
      }
      for (const [key, v] of Object.entries(record)) {
        const property = schema.properties[key];
        if (property)
          visit(property, v, [...path, key], [...goPath, key], structName);
        else if (!schema['x-kubernetes-preserve-unknown-fields'])
          findings.unknownFields.push(fieldPath([...path, key]));
      }
    } else if (schema.additionalProperties) {
      for (const [key, v] of Object.entries(record))
        visit(schema.additionalProperties, v, [...path, key], goPath, struct);
    }
    if (name === 'io.k8s.api.core.v1.PodSpec') {
      const containers = record.containers;
      if (Array.isArray(containers) && containers.length === 0)
        findings.missing.push(fieldPath([...path, 'containers']));
      if (Array.isArray(containers)) {
        containers.forEach((c, i) => {
          if (c && typeof c === 'object' && !c.image)
            findings.missing.push(
              fieldPath([...path, 'containers', i, 'image']),
            );
        });
      }
    }
  };
  visit({ $ref: `#/components/schemas/${rootName}` }, obj, [], [], '');
  return findings;
}

/** Removes the unknown fields (what the real server does when it only warns about them). */
export function pruneFields(obj: Record<string, any>, paths: string[]): void {
  for (const p of paths) {
    const segments = [...p.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map(m =>
      m[2] !== undefined ? Number(m[2]) : m[1],
    );
    let node: any = obj;
    for (const s of segments.slice(0, -1)) node = node?.[s];
    if (node && typeof node === 'object')
      delete node[segments[segments.length - 1]];
  }
}

export { SCHEMAS };
