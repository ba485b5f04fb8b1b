/** Evaluates parsed HCL expressions against a scope (variables, locals, resources...). */
import { type Expr } from './expr';
import { callFunction, EvalError } from './functions';
import { isUnknown, UNKNOWN } from './values';

export { EvalError };

export interface Scope {
  /**
   * Resolves `root.attr` (e.g. `var.name`, `local_file.f`), or a bare `root`
   * when attr is undefined. Returns `undefined` for "no such thing".
   */
  lookup(root: string, attr: string | undefined): unknown;
  functions: Record<string, (args: unknown[]) => unknown>;
}

function truthy(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw new EvalError(
    `Invalid condition: a bool is required, got ${JSON.stringify(v)}`,
  );
}

function toNumber(v: unknown, op: string): number {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  if (typeof n !== 'number' || Number.isNaN(n)) {
    throw new EvalError(
      `Invalid operand: unsuitable value for "${op}", a number is required`,
    );
  }
  return n;
}

function toTemplateString(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v === null)
    throw new EvalError(
      'Invalid template interpolation value: the expression result is null',
    );
  throw new EvalError(
    'Invalid template interpolation value: cannot include a list or object in a string template',
  );
}

function index(coll: unknown, key: unknown): unknown {
  if (isUnknown(coll) || isUnknown(key)) return UNKNOWN;
  if (Array.isArray(coll)) {
    const i = toNumber(key, 'index');
    if (i < 0 || i >= coll.length)
      throw new EvalError(
        `Invalid index: the given index ${i} is out of range (length ${coll.length})`,
      );
    return coll[i];
  }
  if (coll && typeof coll === 'object') {
    const k = String(key);
    if (!(k in coll))
      throw new EvalError(`Invalid index: the given key "${k}" does not exist`);
    return (coll as Record<string, unknown>)[k];
  }
  throw new EvalError('Invalid index: this value does not have any indices');
}

function attr(obj: unknown, name: string): unknown {
  if (isUnknown(obj)) return UNKNOWN;
  if (obj && typeof obj === 'object' && !Array.isArray(obj)) {
    if (!(name in obj))
      throw new EvalError(
        `Unsupported attribute: this object does not have an attribute named "${name}"`,
      );
    return (obj as Record<string, unknown>)[name];
  }
  throw new EvalError(
    `Unsupported attribute: can't access attribute "${name}" on a ${
      Array.isArray(obj) ? 'list' : typeof obj
    }`,
  );
}

function binary(op: string, l: unknown, r: unknown): unknown {
  if (op === '&&' || op === '||') {
    if (isUnknown(l) || isUnknown(r)) return UNKNOWN;
    return op === '&&' ? truthy(l) && truthy(r) : truthy(l) || truthy(r);
  }
  if (isUnknown(l) || isUnknown(r)) return UNKNOWN;
  if (op === '==') return JSON.stringify(l) === JSON.stringify(r);
  if (op === '!=') return JSON.stringify(l) !== JSON.stringify(r);
  const a = toNumber(l, op);
  const b = toNumber(r, op);
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      if (b === 0)
        throw new EvalError('Error in function call: divide by zero');
      return a / b;
    case '%':
      return a % b;
    case '<':
      return a < b;
    case '>':
      return a > b;
    case '<=':
      return a <= b;
    case '>=':
      return a >= b;
    default:
      throw new EvalError(`unsupported operator ${op}`);
  }
}

/** Evaluates an expression; throws EvalError with a Terraform-like message on failure. */
export function evaluate(e: Expr, scope: Scope): unknown {
  switch (e.k) {
    case 'lit':
      return e.v;
    case 'tmpl': {
      const out: string[] = [];
      let unknown = false;
      for (const p of e.parts) {
        if (typeof p === 'string') out.push(p);
        else {
          const v = evaluate(p, scope);
          if (isUnknown(v)) unknown = true;
          else out.push(toTemplateString(v));
        }
      }
      return unknown ? UNKNOWN : out.join('');
    }
    case 'var': {
      const v = scope.lookup(e.name, undefined);
      if (v === undefined)
        throw new EvalError(
          `Invalid reference: a reference to "${e.name}" is not valid here`,
        );
      return v;
    }
    case 'get': {
      if (e.obj.k === 'var') {
        const v = scope.lookup(e.obj.name, e.name);
        if (v !== undefined) return v;
      }
      return attr(evaluate(e.obj, scope), e.name);
    }
    case 'idx':
      return index(evaluate(e.obj, scope), evaluate(e.key, scope));
    case 'splat': {
      const base = evaluate(e.obj, scope);
      if (isUnknown(base)) return UNKNOWN;
      let items: unknown[] = [];
      if (Array.isArray(base)) items = base;
      else if (base !== null) items = [base];
      return items.map(item =>
        e.path.reduce(
          (v, step) =>
            step.name
              ? attr(v, step.name)
              : index(v, evaluate(step.key!, scope)),
          item,
        ),
      );
    }
    case 'call': {
      if (e.name === 'try' || e.name === 'can')
        return tryOrCan(e.name, e.args, scope);
      let args = e.args.map(a => evaluate(a, scope));
      if (e.expand) {
        const last = args.pop();
        if (isUnknown(last)) return UNKNOWN;
        args = [...args, ...(Array.isArray(last) ? last : [])];
      }
      return callFunction(scope.functions, e.name, args);
    }
    case 'list':
      return e.items.map(i => evaluate(i, scope));
    case 'obj': {
      const out: Record<string, unknown> = {};
      for (const item of e.items) {
        const k = evaluate(item.key, scope);
        if (isUnknown(k)) return UNKNOWN;
        out[toTemplateString(k)] = evaluate(item.value, scope);
      }
      return out;
    }
    case 'un': {
      const v = evaluate(e.e, scope);
      if (isUnknown(v)) return UNKNOWN;
      return e.op === '!' ? !truthy(v) : -toNumber(v, '-');
    }
    case 'bin':
      return binary(e.op, evaluate(e.l, scope), evaluate(e.r, scope));
    case 'cond': {
      const c = evaluate(e.c, scope);
      if (isUnknown(c)) return UNKNOWN;
      return truthy(c) ? evaluate(e.t, scope) : evaluate(e.f, scope);
    }
    case 'for':
      return evaluateFor(e, scope);
    default:
      throw new EvalError('unsupported expression');
  }
}

function tryOrCan(name: string, args: Expr[], scope: Scope): unknown {
  for (const a of args) {
    try {
      const v = evaluate(a, scope);
      if (name === 'can') return true;
      return v;
    } catch (err) {
      if (!(err instanceof EvalError)) throw err;
    }
  }
  if (name === 'can') return false;
  throw new EvalError('Error in function call: no expression succeeded');
}

function evaluateFor(e: Extract<Expr, { k: 'for' }>, scope: Scope): unknown {
  const coll = evaluate(e.coll, scope);
  if (isUnknown(coll)) return UNKNOWN;
  const entries: Array<[unknown, unknown]> = Array.isArray(coll)
    ? coll.map((v, i) => [i, v])
    : Object.entries(coll as object);
  const listOut: unknown[] = [];
  const objOut: Record<string, unknown> = {};
  for (const [k, v] of entries) {
    const bound: Record<string, unknown> = { [e.valVar]: v };
    if (e.keyVar) bound[e.keyVar] = k;
    const inner: Scope = {
      functions: scope.functions,
      lookup: (root, a) => {
        if (root in bound)
          return a === undefined ? bound[root] : attr(bound[root], a);
        return scope.lookup(root, a);
      },
    };
    if (e.cond && !truthy(evaluate(e.cond, inner))) continue;
    const value = evaluate(e.valExpr, inner);
    if (!e.object) listOut.push(value);
    else {
      const key = toTemplateString(evaluate(e.keyExpr!, inner));
      if (e.group) ((objOut[key] as unknown[]) ??= []).push(value);
      else if (key in objOut)
        throw new EvalError(
          `Duplicate object key: two different items produced the key "${key}"`,
        );
      else objOut[key] = value;
    }
  }
  return e.object ? objOut : listOut;
}
