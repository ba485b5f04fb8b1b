import { errors } from '../api/errors';

type Matcher = (get: (key: string) => string | undefined) => boolean;

/** Splits on commas that are not inside `in (a,b)` parentheses. */
function splitTerms(selector: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of selector) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      terms.push(cur);
      cur = '';
    } else cur += ch;
  }
  terms.push(cur);
  return terms.map(t => t.trim()).filter(Boolean);
}

/**
 * Parses a label selector (`a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`).
 * Throws a BadRequest naming the term it cannot read.
 */
export function parseLabelSelector(
  selector: string | undefined,
): (labels: Record<string, string> | undefined) => boolean {
  const matchers: Matcher[] = [];
  for (const term of splitTerms(selector ?? '')) {
    const set = /^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(term);
    const equality = /^([\w./-]+)\s*(==|=|!=)\s*([\w./-]*)$/.exec(term);
    const absent = /^!\s*([\w./-]+)$/.exec(term);
    const present = /^([\w./-]+)$/.exec(term);
    if (set) {
      const [, key, op, list] = set;
      const values = list.split(',').map(v => v.trim());
      matchers.push(get => {
        const v = get(key);
        return op === 'in'
          ? v !== undefined && values.includes(v)
          : v === undefined || !values.includes(v);
      });
    } else if (equality) {
      const [, key, op, value] = equality;
      matchers.push(get =>
        op === '!=' ? get(key) !== value : get(key) === value,
      );
    } else if (absent) {
      const key = absent[1];
      matchers.push(get => get(key) === undefined);
    } else if (present) {
      const key = present[1];
      matchers.push(get => get(key) !== undefined);
    } else {
      throw errors.badRequest(
        `unable to parse requirement: invalid label selector term "${term}"`,
      );
    }
  }
  return labels => matchers.every(match => match(k => labels?.[k]));
}

/** Reads a dotted path such as `metadata.name` or `status.phase` as a string. */
function fieldValue(
  obj: Record<string, any>,
  path: string,
): string | undefined {
  let cur: any = obj;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = cur[part];
  }
  return cur === undefined || cur === null ? undefined : String(cur);
}

/**
 * Parses a field selector (`metadata.name=x`, `metadata.namespace!=y`, any dotted path).
 * The real API only indexes a few fields per kind; the stand-in accepts any path, and `metadata.name`
 * and `metadata.namespace` are the ones clients rely on.
 */
export function parseFieldSelector(
  selector: string | undefined,
): (obj: Record<string, any>) => boolean {
  const matchers: Array<(obj: Record<string, any>) => boolean> = [];
  for (const term of splitTerms(selector ?? '')) {
    const m = /^([\w.]+)\s*(==|=|!=)\s*(.*)$/.exec(term);
    if (!m)
      throw errors.badRequest(
        `invalid field selector term "${term}": use <field>=<value> or <field>!=<value>`,
      );
    const [, path, op, value] = m;
    matchers.push(obj => {
      const v = fieldValue(obj, path) ?? '';
      return op === '!=' ? v !== value : v === value;
    });
  }
  return obj => matchers.every(match => match(obj));
}
