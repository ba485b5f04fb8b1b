import Ajv, { type ValidateFunction } from 'ajv';
import { errors, type StatusCause } from '../api/errors';
import { apiVersionOf, type ResourceType } from '../store/resources';
import { checkAgainstSchema, pruneFields } from '../builtin/schemaValidation';
import { schemaNameOf } from '../builtin/builtinSchemas';

/** How the server treats fields a kind does not have (the `fieldValidation` query parameter). */
export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export interface ValidationOptions {
  /** Default `Warn`, like the API server when the parameter is absent. */
  fieldValidation?: FieldValidation;
  /** Collects the warnings the response carries in `Warning` headers. */
  warnings?: string[];
}

/**
 * A built-in kind is checked against its official definition the way the API server decodes it:
 * a value of the wrong JSON type is a 400 decoding error, unknown fields are refused (Strict),
 * warned about and dropped (Warn) or dropped (Ignore), missing required fields are 422 causes.
 */
function builtInSchemaProblems(
  type: ResourceType,
  obj: Record<string, any>,
  options: ValidationOptions,
): StatusCause[] {
  const name = type.schema ? undefined : schemaNameOf(type);
  if (!name) return [];
  const findings = checkAgainstSchema(name, obj);
  const cannotHandle = `${type.kind} in version "${type.version}" cannot be handled as a ${type.kind}`;
  if (findings.typeError)
    throw errors.badRequest(`${cannotHandle}: ${findings.typeError}`);
  if (findings.unknownFields.length) {
    const unknown = findings.unknownFields.map(f => `unknown field "${f}"`);
    const mode = options.fieldValidation ?? 'Warn';
    if (mode === 'Strict')
      throw errors.badRequest(
        `${cannotHandle}: strict decoding error: ${unknown.join(', ')}`,
      );
    if (mode === 'Warn') options.warnings?.push(...unknown);
    pruneFields(obj, findings.unknownFields);
  }
  return findings.missing.map(field => ({
    reason: 'FieldValueRequired',
    field,
    message: 'Required value',
  }));
}

const DNS_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function isMap(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The body must be an object of this type; apiVersion and kind are filled in when absent. */
export function checkBody(
  type: ResourceType,
  body: unknown,
): Record<string, any> {
  if (!isMap(body))
    throw errors.badRequest(`the request body must be a ${type.kind} object`);
  const expected = apiVersionOf(type);
  if (body.apiVersion !== undefined && body.apiVersion !== expected) {
    throw errors.badRequest(
      `the API version in the data (${body.apiVersion}) does not match the expected API version (${expected})`,
    );
  }
  if (body.kind !== undefined && body.kind !== type.kind) {
    throw errors.badRequest(
      `the kind in the data (${body.kind}) does not match the expected kind (${type.kind})`,
    );
  }
  if (body.metadata !== undefined && !isMap(body.metadata)) {
    throw errors.invalid(type.kind, type.group, '', [
      { field: 'metadata', message: 'Invalid value: must be an object' },
    ]);
  }
  return {
    ...body,
    apiVersion: expected,
    kind: type.kind,
    metadata: { ...(body.metadata ?? {}) },
  };
}

/** Name rules: DNS-1123 label for namespaces, DNS-1123 subdomain otherwise. */
export function nameProblems(type: ResourceType, name: unknown): StatusCause[] {
  if (typeof name !== 'string' || name === '') {
    return [
      {
        reason: 'FieldValueRequired',
        field: 'metadata.name',
        message: 'Required value: name or generateName is required',
      },
    ];
  }
  // RBAC objects only need to be a path segment (`system:basic-user`), like ValidateRBACName.
  if (type.group === 'rbac.authorization.k8s.io') {
    const bad =
      name === '.' || name === '..'
        ? `may not be '${name}'`
        : ['/', '%'].find(c => name.includes(c));
    if (!bad) return [];
    return [
      {
        reason: 'FieldValueInvalid',
        field: 'metadata.name',
        message: `Invalid value: "${name}": ${
          bad.length > 1 ? bad : `may not contain '${bad}'`
        }`,
      },
    ];
  }
  const label = type.kind === 'Namespace';
  const ok = label
    ? DNS_LABEL.test(name) && name.length <= 63
    : DNS_SUBDOMAIN.test(name) && name.length <= 253;
  if (ok) return [];
  return [
    {
      reason: 'FieldValueInvalid',
      field: 'metadata.name',
      message: `Invalid value: "${name}": a lowercase RFC 1123 ${
        label ? 'label' : 'subdomain'
      } must consist of lower case alphanumeric characters, '-'${
        label ? '' : " or '.'"
      }, and must start and end with an alphanumeric character`,
    },
  ];
}

function labelProblems(obj: Record<string, any>): StatusCause[] {
  const out: StatusCause[] = [];
  for (const field of ['labels', 'annotations'] as const) {
    const value = obj.metadata?.[field];
    if (value === undefined || value === null) continue;
    if (!isMap(value)) {
      out.push({
        reason: 'FieldValueInvalid',
        field: `metadata.${field}`,
        message: 'Invalid value: must be a map of strings',
      });
      continue;
    }
    for (const [k, v] of Object.entries(value)) {
      if (typeof v !== 'string') {
        out.push({
          reason: 'FieldValueInvalid',
          field: `metadata.${field}.${k}`,
          message: `Invalid value: ${JSON.stringify(v)}: must be a string`,
        });
      }
    }
  }
  return out;
}

const schemaValidators = new WeakMap<object, ValidateFunction | null>();

/**
 * Validates a custom resource against its CRD's openAPIV3Schema (required fields, types, enums).
 * Kubernetes extensions (`x-kubernetes-*`) are not interpreted; schemas ajv cannot compile are skipped.
 */
function schemaProblems(
  type: ResourceType,
  obj: Record<string, any>,
): StatusCause[] {
  if (!type.schema) return [];
  let validate = schemaValidators.get(type.schema);
  if (validate === undefined) {
    try {
      const ajv = new Ajv({
        strict: false,
        allErrors: true,
        validateFormats: false,
      });
      // metadata is validated by the server itself, not by the CRD's schema.
      const { metadata: _metadata, ...properties } = (type.schema.properties ??
        {}) as Record<string, unknown>;
      validate = ajv.compile({ ...type.schema, properties });
    } catch {
      validate = null;
    }
    schemaValidators.set(type.schema, validate);
  }
  if (!validate || validate(obj)) return [];
  return (validate.errors ?? []).slice(0, 10).map(e => {
    const base = e.instancePath.replace(/^\//, '').replace(/\//g, '.');
    const missing = (e.params as { missingProperty?: string }).missingProperty;
    const field = missing ? [base, missing].filter(Boolean).join('.') : base;
    return {
      reason: missing ? 'FieldValueRequired' : 'FieldValueInvalid',
      field,
      message: missing ? 'Required value' : `Invalid value: ${e.message}`,
    };
  });
}

/** Everything the server checks before storing an object; throws 422 Invalid listing every problem. */
export function validateObject(
  type: ResourceType,
  obj: Record<string, any>,
  options: ValidationOptions = {},
): void {
  const schemaCauses = builtInSchemaProblems(type, obj, options);
  const causes = [
    ...nameProblems(type, obj.metadata?.name),
    ...schemaCauses,
    ...labelProblems(obj),
    ...schemaProblems(type, obj),
  ];
  if (causes.length > 0)
    throw errors.invalid(
      type.kind,
      type.group,
      String(obj.metadata?.name ?? ''),
      causes,
    );
}
