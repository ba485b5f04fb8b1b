/**
 * Expands resource blocks into instances (count / for_each) and evaluates one
 * instance's arguments against its resource type's schema.
 */
import { TfError } from '../diagnostics';
import { containsUnknown, isUnknown, UNKNOWN } from '../hcl/values';
import {
  attributeRange,
  type ModuleConfig,
  type ResourceBlock,
} from '../module/config';
import { RESOURCE_TYPES } from '../providers';
import type { Attributes, ResourceType } from '../providers/types';
import {
  META_ARGUMENTS,
  type ModuleScope,
  type Repetition,
} from './moduleScope';
import { instanceAddr, type InstanceAddr } from './types';

export interface Expansion {
  mode: 'single' | 'count' | 'each';
  keys: Array<number | string>;
  /** for_each values by key. */
  eachValues?: Record<string, unknown>;
}

export function resourceTypeOf(
  config: ModuleConfig,
  block: ResourceBlock,
): ResourceType {
  const type = RESOURCE_TYPES[block.type];
  if (!type) {
    const provider = block.type.split('_')[0];
    throw new TfError(
      'Invalid resource type',
      `The provider hashicorp/${provider} does not support resource type "${
        block.type
      }". The sandbox's terraform stand-in knows: ${Object.keys(
        RESOURCE_TYPES,
      ).join(', ')}.`,
      block.range,
    );
  }
  void config;
  return type;
}

export function expand(scope: ModuleScope, block: ResourceBlock): Expansion {
  const { body } = block;
  if ('count' in body && 'for_each' in body) {
    throw new TfError(
      'Invalid combination of "count" and "for_each"',
      'The "count" and "for_each" meta-arguments are mutually-exclusive, only one should be used.',
      block.range,
    );
  }
  if ('count' in body) {
    const n = scope.evalAttribute(
      block,
      'count',
      body.count,
      {},
      { sensitive: false },
      block.addr,
    );
    if (isUnknown(n)) {
      throw new TfError(
        'Invalid count argument',
        'The "count" value depends on resource attributes that cannot be determined until apply, so Terraform cannot predict how many instances will be created.',
        attributeRange(block, scope.config.sources, 'count'),
      );
    }
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
      throw new TfError(
        'Invalid count argument',
        'The given "count" argument value is unsuitable: must be a whole number, zero or greater.',
        attributeRange(block, scope.config.sources, 'count'),
      );
    }
    return { mode: 'count', keys: Array.from({ length: n }, (_, i) => i) };
  }
  if ('for_each' in body) {
    const v = scope.evalAttribute(
      block,
      'for_each',
      body.for_each,
      {},
      { sensitive: false },
      block.addr,
    );
    if (containsUnknown(v)) {
      throw new TfError(
        'Invalid for_each argument',
        'The "for_each" value depends on resource attributes that cannot be determined until apply.',
        attributeRange(block, scope.config.sources, 'for_each'),
      );
    }
    let eachValues: Record<string, unknown>;
    if (Array.isArray(v) && v.every(x => typeof x === 'string'))
      eachValues = Object.fromEntries(v.map(x => [x, x]));
    else if (v && typeof v === 'object' && !Array.isArray(v))
      eachValues = v as Record<string, unknown>;
    else {
      throw new TfError(
        'Invalid for_each argument',
        'The given "for_each" argument value is unsuitable: the "for_each" argument must be a map, or set of strings.',
        attributeRange(block, scope.config.sources, 'for_each'),
      );
    }
    return { mode: 'each', keys: Object.keys(eachValues).sort(), eachValues };
  }
  return { mode: 'single', keys: [] };
}

export function instancesOf(
  block: ResourceBlock,
  expansion: Expansion,
): Array<{ addr: InstanceAddr; rep: Repetition }> {
  if (expansion.mode === 'single')
    return [{ addr: instanceAddr(block.type, block.name, null), rep: {} }];
  return expansion.keys.map(key => ({
    addr: instanceAddr(block.type, block.name, key),
    rep:
      expansion.mode === 'count'
        ? { count: key as number }
        : {
            each: {
              key: String(key),
              value: expansion.eachValues![String(key)],
            },
          },
  }));
}

/** Collects a resource's value for references: an object, a list (count) or a map (for_each). */
export function aggregate(
  block: ResourceBlock,
  expansion: Expansion | undefined,
  values: (addr: string) => Attributes | undefined,
): unknown {
  if (!expansion) return UNKNOWN;
  const inst = instancesOf(block, expansion);
  const valueOf = (addr: string) => values(addr) ?? UNKNOWN;
  if (expansion.mode === 'single') return valueOf(inst[0].addr.addr);
  if (expansion.mode === 'count') return inst.map(i => valueOf(i.addr.addr));
  return Object.fromEntries(
    inst.map(i => [String(i.addr.key), valueOf(i.addr.addr)]),
  );
}

export interface EvaluatedInstance {
  config: Attributes;
  sensitive: string[];
}

/** Evaluates an instance's arguments, checking names and required arguments against the schema. */
export function evaluateInstance(
  scope: ModuleScope,
  block: ResourceBlock,
  type: ResourceType,
  addr: InstanceAddr,
  rep: Repetition,
): EvaluatedInstance {
  const config: Attributes = {};
  const sensitive: string[] = [];
  for (const [name, raw] of Object.entries(block.body)) {
    if (META_ARGUMENTS.has(name)) continue;
    const schema = type.schema[name];
    if (!schema || schema.computed) {
      throw new TfError(
        'Unsupported argument',
        `An argument named "${name}" is not expected here.`,
        attributeRange(block, scope.config.sources, name),
        addr.addr,
      );
    }
    const tracking = { sensitive: false };
    config[name] = scope.evalAttribute(
      block,
      name,
      raw,
      rep,
      tracking,
      addr.addr,
    );
    if (tracking.sensitive || schema.sensitive) sensitive.push(name);
  }
  for (const [name, schema] of Object.entries(type.schema)) {
    if (schema.computed) continue;
    if (config[name] === undefined || config[name] === null) {
      if (schema.required) {
        throw new TfError(
          'Missing required argument',
          `The argument "${name}" is required, but no definition was found.`,
          block.range,
          addr.addr,
        );
      }
      config[name] = schema.default ?? null;
    }
  }
  if (!containsUnknown(config)) {
    const problem = type.validate?.(config, scope.config.dir);
    if (problem) {
      throw new TfError(
        'Invalid argument value',
        problem[1],
        attributeRange(block, scope.config.sources, problem[0]),
        addr.addr,
      );
    }
  }
  return { config, sensitive };
}

/** Planned attributes for a new object: configured values plus computed ones unknown. */
export function plannedNew(type: ResourceType, config: Attributes): Attributes {
  const out: Attributes = { ...config };
  for (const [name, schema] of Object.entries(type.schema))
    if (schema.computed) out[name] = UNKNOWN;
  return out;
}
