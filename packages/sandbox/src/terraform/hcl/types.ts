/** Variable type constraints (`string`, `list(number)`, `object({...})`) and value conversion. */
import { type Expr, parseExpression, parseTemplateString } from './expr';
import { evaluate, EvalError, type Scope } from './eval';
import { makeFunctions } from './functions';

export type TypeSpec =
  | 'string'
  | 'number'
  | 'bool'
  | 'any'
  | { list: TypeSpec }
  | { set: TypeSpec }
  | { map: TypeSpec }
  | { tuple: TypeSpec[] }
  | {
      object: Record<string, TypeSpec>;
      optional: Record<string, { default?: unknown }>;
    };

const EMPTY_SCOPE: Scope = {
  lookup: () => undefined,
  functions: makeFunctions(() => {
    throw new EvalError('file() is not available here');
  }),
};

export function parseTypeSpec(raw: unknown): TypeSpec {
  if (raw === undefined || raw === null) return 'any';
  const e = typeof raw === 'string' ? parseTemplateString(raw) : undefined;
  if (!e) throw new EvalError('Invalid type specification');
  return fromExpr(e);
}

function fromExpr(e: Expr): TypeSpec {
  if (e.k === 'var' && ['string', 'number', 'bool', 'any'].includes(e.name))
    return e.name as TypeSpec;
  if (e.k === 'call') {
    const [arg] = e.args;
    if (['list', 'set', 'map'].includes(e.name) && arg) {
      return { [e.name]: fromExpr(arg) } as TypeSpec;
    }
    if (e.name === 'tuple' && arg?.k === 'list')
      return { tuple: arg.items.map(fromExpr) };
    if (e.name === 'object' && arg?.k === 'obj') {
      const object: Record<string, TypeSpec> = {};
      const optional: Record<string, { default?: unknown }> = {};
      for (const item of arg.items) {
        const name = String(evaluate(item.key, EMPTY_SCOPE));
        if (item.value.k === 'call' && item.value.name === 'optional') {
          object[name] = fromExpr(item.value.args[0]);
          optional[name] = {
            default: item.value.args[1]
              ? evaluate(item.value.args[1], EMPTY_SCOPE)
              : undefined,
          };
        } else object[name] = fromExpr(item.value);
      }
      return { object, optional };
    }
  }
  throw new EvalError(
    'Invalid type specification: the keyword or function is not a valid type constraint',
  );
}

export function describeType(t: TypeSpec): string {
  if (typeof t === 'string') return t;
  if ('list' in t) return `list(${describeType(t.list)})`;
  if ('set' in t) return `set(${describeType(t.set)})`;
  if ('map' in t) return `map(${describeType(t.map)})`;
  if ('tuple' in t) return `tuple([${t.tuple.map(describeType).join(', ')}])`;
  return 'object';
}

/** Converts a value to a type constraint like Terraform does, or throws with the path that failed. */
export function convertValue(v: unknown, t: TypeSpec, path = ''): unknown {
  const where = path ? ` at ${path}` : '';
  if (v === null || t === 'any') return v;
  if (t === 'string') {
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    throw new EvalError(`string required${where}`);
  }
  if (t === 'number') {
    const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
    if (typeof n === 'number' && !Number.isNaN(n)) return n;
    throw new EvalError(`a number is required${where}`);
  }
  if (t === 'bool') {
    if (typeof v === 'boolean') return v;
    if (v === 'true' || v === 'false') return v === 'true';
    throw new EvalError(`a bool is required${where}`);
  }
  if ('list' in t || 'set' in t) {
    if (!Array.isArray(v))
      throw new EvalError(
        `list of ${describeType(
          'list' in t ? t.list : t.set,
        )} required${where}`,
      );
    const inner = 'list' in t ? t.list : t.set;
    const out = v.map((x, i) => convertValue(x, inner, `${path}[${i}]`));
    return 'set' in t
      ? [...new Map(out.map(x => [JSON.stringify(x), x])).values()]
      : out;
  }
  if ('tuple' in t) {
    if (!Array.isArray(v) || v.length !== t.tuple.length)
      throw new EvalError(`tuple required${where}`);
    return v.map((x, i) => convertValue(x, t.tuple[i], `${path}[${i}]`));
  }
  if (typeof v !== 'object' || Array.isArray(v))
    throw new EvalError(`${'map' in t ? 'map' : 'object'} required${where}`);
  const o = v as Record<string, unknown>;
  if ('map' in t) {
    return Object.fromEntries(
      Object.entries(o).map(([k, x]) => [
        k,
        convertValue(x, t.map, `${path}["${k}"]`),
      ]),
    );
  }
  const out: Record<string, unknown> = {};
  for (const [name, attrType] of Object.entries(t.object)) {
    if (!(name in o) || o[name] === null) {
      if (name in t.optional) {
        const d = t.optional[name].default;
        out[name] =
          d === undefined ? null : convertValue(d, attrType, `${path}.${name}`);
        continue;
      }
      throw new EvalError(`attribute "${name}" is required${where}`);
    }
    out[name] = convertValue(
      o[name],
      attrType,
      path ? `${path}.${name}` : name,
    );
  }
  return out;
}

/**
 * Reads a value given as text (TF_VAR_x, -var x=...): strings are taken literally,
 * anything else is parsed as an HCL (or JSON) expression, as Terraform does.
 */
export function parseVariableText(text: string, t: TypeSpec): unknown {
  if (t === 'string' || t === 'any') return text;
  if (t === 'number' || t === 'bool') return convertValue(text, t);
  let e: Expr;
  try {
    e = parseExpression(text);
  } catch (err) {
    throw new EvalError(
      `the value is not valid HCL or JSON: ${(err as Error).message}`,
    );
  }
  return convertValue(evaluate(e, EMPTY_SCOPE), t);
}

/** Evaluates a constant expression (no references), e.g. a default value. */
export function evaluateConstant(raw: unknown): unknown {
  if (typeof raw === 'string')
    return evaluate(parseTemplateString(raw), EMPTY_SCOPE);
  if (Array.isArray(raw)) return raw.map(evaluateConstant);
  if (raw && typeof raw === 'object') {
    return Object.fromEntries(
      Object.entries(raw).map(([k, v]) => [k, evaluateConstant(v)]),
    );
  }
  return raw;
}
