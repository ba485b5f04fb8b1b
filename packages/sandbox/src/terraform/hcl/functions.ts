/** The built-in functions the stand-in's evaluator knows: a common subset of Terraform's. */
import crypto from 'node:crypto';
import { containsUnknown, UNKNOWN } from './values';

export class EvalError extends Error {}

type Fn = (args: unknown[]) => unknown;

function str(v: unknown, fn: string): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw new EvalError(`Invalid value for "${fn}": a string is required`);
}

function num(v: unknown, fn: string): number {
  const n = typeof v === 'string' ? Number(v) : v;
  if (typeof n !== 'number' || Number.isNaN(n))
    throw new EvalError(`Invalid value for "${fn}": a number is required`);
  return n;
}

function list(v: unknown, fn: string): unknown[] {
  if (!Array.isArray(v))
    throw new EvalError(`Invalid value for "${fn}": a list is required`);
  return v;
}

function obj(v: unknown, fn: string): Record<string, unknown> {
  if (!v || typeof v !== 'object' || Array.isArray(v))
    throw new EvalError(`Invalid value for "${fn}": a map is required`);
  return v as Record<string, unknown>;
}

function format(args: unknown[]): string {
  const [spec, ...rest] = args;
  let i = 0;
  return str(spec, 'format').replace(
    /%([-+# 0]*)(\d*)(?:\.(\d+))?([sdvqft%])/g,
    (
      _m,
      flags: string,
      width: string,
      precision: string | undefined,
      verb: string,
    ) => {
      if (verb === '%') return '%';
      if (i >= rest.length)
        throw new EvalError(
          'Error in function call: format has more verbs than arguments',
        );
      const v = rest[i++];
      let out: string;
      if (verb === 'd') out = String(Math.trunc(num(v, 'format')));
      else if (verb === 'f')
        out = num(v, 'format').toFixed(precision ? Number(precision) : 6);
      else if (verb === 'q') out = JSON.stringify(str(v, 'format'));
      else if (verb === 't') out = String(Boolean(v));
      else if (verb === 'v' && typeof v === 'object') out = JSON.stringify(v);
      else out = str(v, 'format');
      if (
        flags.includes('+') &&
        (verb === 'd' || verb === 'f') &&
        !out.startsWith('-')
      )
        out = `+${out}`;
      if (!width) return out;
      if (flags.includes('-')) return out.padEnd(Number(width));
      return out.padStart(Number(width), flags.includes('0') ? '0' : ' ');
    },
  );
}

export function makeFunctions(
  readFile: (path: string) => string,
): Record<string, Fn> {
  return {
    upper: ([s]) => str(s, 'upper').toUpperCase(),
    lower: ([s]) => str(s, 'lower').toLowerCase(),
    title: ([s]) => str(s, 'title').replace(/\b\w/g, c => c.toUpperCase()),
    trimspace: ([s]) => str(s, 'trimspace').trim(),
    trimprefix: ([s, p]) => {
      const v = str(s, 'trimprefix');
      return v.startsWith(str(p, 'trimprefix')) ? v.slice(String(p).length) : v;
    },
    trimsuffix: ([s, p]) => {
      const v = str(s, 'trimsuffix');
      return v.endsWith(str(p, 'trimsuffix'))
        ? v.slice(0, v.length - String(p).length)
        : v;
    },
    replace: ([s, a, b]) =>
      str(s, 'replace').split(str(a, 'replace')).join(str(b, 'replace')),
    substr: ([s, o, l]) => {
      const v = str(s, 'substr');
      const len = num(l, 'substr');
      return v.substr(num(o, 'substr'), len < 0 ? undefined : len);
    },
    split: ([sep, s]) => str(s, 'split').split(str(sep, 'split')),
    join: ([sep, ...lists]) =>
      lists
        .flatMap(l => list(l, 'join'))
        .map(x => str(x, 'join'))
        .join(str(sep, 'join')),
    format: args => format(args),
    length: ([v]) => {
      if (typeof v === 'string') return [...v].length;
      if (Array.isArray(v)) return v.length;
      return Object.keys(obj(v, 'length')).length;
    },
    concat: args => args.flatMap(l => list(l, 'concat')),
    merge: args =>
      Object.assign(
        {},
        ...args.filter(a => a !== null).map(a => obj(a, 'merge')),
      ),
    keys: ([m]) => Object.keys(obj(m, 'keys')).sort(),
    values: ([m]) => {
      const o = obj(m, 'values');
      return Object.keys(o)
        .sort()
        .map(k => o[k]);
    },
    lookup: ([m, k, d]) => {
      const o = obj(m, 'lookup');
      const key = str(k, 'lookup');
      if (key in o) return o[key];
      if (d === undefined)
        throw new EvalError(
          `Invalid function argument: the given key "${key}" does not exist in the map`,
        );
      return d;
    },
    contains: ([l, v]) =>
      list(l, 'contains').some(x => JSON.stringify(x) === JSON.stringify(v)),
    element: ([l, i]) => {
      const a = list(l, 'element');
      if (a.length === 0)
        throw new EvalError(
          'Invalid function argument: cannot use element function with an empty list',
        );
      return a[num(i, 'element') % a.length];
    },
    range: args => {
      const n = args.map(a => num(a, 'range'));
      const [start, end, step] =
        n.length === 1 ? [0, n[0], 1] : [n[0], n[1], n[2] ?? 1];
      const out: number[] = [];
      for (let x = start; step > 0 ? x < end : x > end; x += step) out.push(x);
      return out;
    },
    distinct: ([l]) => [
      ...new Map(list(l, 'distinct').map(x => [JSON.stringify(x), x])).values(),
    ],
    flatten: ([l]) => list(l, 'flatten').flat(Infinity),
    reverse: ([l]) => [...list(l, 'reverse')].reverse(),
    sort: ([l]) => [...list(l, 'sort')].map(x => str(x, 'sort')).sort(),
    coalesce: args => {
      const v = args.find(a => a !== null && a !== '');
      if (v === undefined)
        throw new EvalError(
          'Invalid function argument: no non-null, non-empty-string arguments',
        );
      return v;
    },
    max: args => Math.max(...args.map(a => num(a, 'max'))),
    min: args => Math.min(...args.map(a => num(a, 'min'))),
    abs: ([n]) => Math.abs(num(n, 'abs')),
    ceil: ([n]) => Math.ceil(num(n, 'ceil')),
    floor: ([n]) => Math.floor(num(n, 'floor')),
    tostring: ([v]) => (v === null ? null : str(v, 'tostring')),
    tonumber: ([v]) => (v === null ? null : num(v, 'tonumber')),
    tobool: ([v]) => {
      if (v === true || v === 'true') return true;
      if (v === false || v === 'false') return false;
      if (v === null) return null;
      throw new EvalError('Invalid value for "tobool": a bool is required');
    },
    tolist: ([v]) => list(v, 'tolist'),
    toset: ([v]) =>
      [...new Set(list(v, 'toset').map(x => JSON.stringify(x)))]
        .sort()
        .map(x => JSON.parse(x)),
    tomap: ([v]) => obj(v, 'tomap'),
    jsonencode: ([v]) => JSON.stringify(v),
    jsondecode: ([s]) => {
      try {
        return JSON.parse(str(s, 'jsondecode'));
      } catch (e) {
        throw new EvalError(
          `Invalid value for "jsondecode": ${(e as Error).message}`,
        );
      }
    },
    base64encode: ([s]) =>
      Buffer.from(str(s, 'base64encode')).toString('base64'),
    base64decode: ([s]) =>
      Buffer.from(str(s, 'base64decode'), 'base64').toString('utf8'),
    md5: ([s]) => crypto.createHash('md5').update(str(s, 'md5')).digest('hex'),
    sha1: ([s]) =>
      crypto.createHash('sha1').update(str(s, 'sha1')).digest('hex'),
    sha256: ([s]) =>
      crypto.createHash('sha256').update(str(s, 'sha256')).digest('hex'),
    uuid: () => crypto.randomUUID(),
    file: ([p]) => readFile(str(p, 'file')),
    fileexists: ([p]) => {
      try {
        readFile(str(p, 'fileexists'));
        return true;
      } catch {
        return false;
      }
    },
    sensitive: ([v]) => v,
    nonsensitive: ([v]) => v,
    try: args => args[0],
    can: () => true,
  };
}

/** Functions whose result is unknown when any argument is still unknown. */
export function callFunction(
  fns: Record<string, Fn>,
  name: string,
  args: unknown[],
): unknown {
  const fn = fns[name];
  if (!fn) {
    throw new EvalError(
      `Call to unknown function: there is no function named "${name}".`,
    );
  }
  if (name !== 'length' && args.some(containsUnknown)) return UNKNOWN;
  if (name === 'length' && args.some(a => a === UNKNOWN)) return UNKNOWN;
  return fn(args);
}
