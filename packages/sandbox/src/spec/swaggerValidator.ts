import fs from 'node:fs';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

type Schema = Record<string, any>;

/**
 * Makes every non-required property accept null, and (when `closed`) rejects properties the spec
 * does not name. Go's JSON encoders write null for nil pointers and slices, which neither spec says;
 * unknown properties are rejected so that a misspelt field in a stand-in fails its test.
 */
function adapt(schema: Schema, closed: boolean): Schema {
  if (Array.isArray(schema))
    return schema.map(s => adapt(s, closed)) as unknown as Schema;
  if (typeof schema !== 'object' || schema === null) return schema;
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties' && typeof value === 'object') {
      const required: string[] = Array.isArray(schema.required)
        ? schema.required
        : [];
      out.properties = Object.fromEntries(
        Object.entries(value as Schema).map(([name, prop]) => {
          const adapted = adapt(prop as Schema, closed);
          return [
            name,
            required.includes(name)
              ? adapted
              : { anyOf: [adapted, { type: 'null' }] },
          ];
        }),
      );
    } else if (
      key.startsWith('x-') ||
      key === 'example' ||
      key === 'discriminator'
    ) {
      continue;
    } else {
      out[key] = adapt(value as Schema, closed);
    }
  }
  if (closed && out.properties && out.additionalProperties === undefined) {
    out.additionalProperties = false;
  }
  return out;
}

export interface ResponseCheck {
  /** Lower-case HTTP method. */
  method: string;
  /** The spec's path template without basePath, e.g. `/repos/{owner}/{repo}`. */
  path: string;
  status: number;
  body: unknown;
}

export interface SwaggerValidator {
  /** Returns readable errors; an empty list means the body matches the spec's response schema. */
  validateResponse(check: ResponseCheck): string[];
}

/** Loads a Swagger 2.0 document and validates response bodies against it. */
export function loadSwaggerValidator(
  file: string,
  options: { rejectUnknownProperties?: boolean } = {},
): SwaggerValidator {
  const spec = JSON.parse(fs.readFileSync(file, 'utf8')) as Schema;
  const closed = options.rejectUnknownProperties ?? true;
  const definitions = adapt(spec.definitions ?? {}, closed);
  const ajv = new Ajv({
    strict: false,
    allErrors: true,
    validateFormats: true,
  });
  addFormats(ajv);
  // Formats Go's swagger generators use that JSON Schema does not define.
  for (const f of [
    'int64',
    'int32',
    'uint64',
    'uint32',
    'int8',
    'uint8',
    'int16',
    'uint16',
    'float',
    'double',
    'byte',
    'binary',
    'password',
  ]) {
    ajv.addFormat(f, true);
  }
  const compiled = new Map<string, ValidateFunction>();

  const responseSchema = (check: ResponseCheck): Schema | undefined => {
    const op = spec.paths?.[check.path]?.[check.method.toLowerCase()];
    if (!op)
      throw new Error(
        `${path.basename(
          file,
        )} has no operation ${check.method.toUpperCase()} ${check.path}`,
      );
    let response =
      op.responses?.[String(check.status)] ?? op.responses?.default;
    if (!response) {
      throw new Error(
        `${path.basename(file)}: ${check.method.toUpperCase()} ${
          check.path
        } documents no ${check.status} response`,
      );
    }
    if (response.$ref) {
      const name = String(response.$ref).replace('#/responses/', '');
      response = spec.responses?.[name];
    }
    return response?.schema;
  };

  return {
    validateResponse(check) {
      const key = `${check.method} ${check.path} ${check.status}`;
      let validate = compiled.get(key);
      if (!validate) {
        const schema = responseSchema(check);
        if (!schema)
          return check.body === undefined || check.body === ''
            ? []
            : [`${key}: the spec documents no body`];
        validate = ajv.compile({ ...adapt(schema, closed), definitions });
        compiled.set(key, validate);
      }
      if (validate(check.body)) return [];
      return (validate.errors ?? []).map(
        e =>
          `${key}: ${e.instancePath || '(body)'} ${e.message}${
            e.params && 'additionalProperty' in e.params
              ? ` "${(e.params as any).additionalProperty}"`
              : ''
          }`,
      );
    },
  };
}
