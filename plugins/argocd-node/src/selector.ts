/**
 * Validation of Kubernetes label selectors (the `argocd/app-selector` annotation).
 * ArgoCD rejects a bad selector with an opaque 400 per instance; checking it first gives one clear
 * message naming the annotation. Encoding is left to URLSearchParams, so `&`, `+`, `#` and spaces
 * reach ArgoCD intact (the anchors concatenated strings and broke on them).
 */

const NAME = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)$/;
const PREFIX =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** A selector that cannot be used; the message says which part is wrong. @public */
export class LabelSelectorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LabelSelectorError';
  }
}

function checkKey(key: string) {
  const slash = key.indexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && (prefix.length > 253 || !PREFIX.test(prefix))) {
    throw new LabelSelectorError(
      `"${key}" has an invalid prefix; a prefix is a DNS subdomain such as app.kubernetes.io`,
    );
  }
  if (name.length === 0 || name.length > 63 || !NAME.test(name)) {
    throw new LabelSelectorError(
      `"${key}" is not a valid label key; use letters, digits, "-", "_" and "." (at most 63), starting and ending with a letter or digit`,
    );
  }
}

function checkValue(value: string, key: string) {
  if (value === '') return;
  if (value.length > 63 || !NAME.test(value)) {
    throw new LabelSelectorError(
      `"${value}" (for ${key}) is not a valid label value; use letters, digits, "-", "_" and "." (at most 63)`,
    );
  }
}

/** Splits on commas that are not inside `( … )`. */
function splitRequirements(selector: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of selector) {
    if (ch === '(') depth += 1;
    if (ch === ')') depth -= 1;
    if (depth < 0)
      throw new LabelSelectorError(
        'the selector has a ")" without a matching "("',
      );
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  if (depth !== 0)
    throw new LabelSelectorError(
      'the selector has a "(" without a matching ")"',
    );
  parts.push(current);
  return parts.map(p => p.trim());
}

function checkRequirement(req: string) {
  if (req === '')
    throw new LabelSelectorError(
      'the selector has an empty requirement (two commas in a row, or a trailing comma)',
    );
  const set = /^(\S+)\s+(in|notin)\s*\((.*)\)$/.exec(req);
  if (set) {
    checkKey(set[1]);
    const values = set[3].split(',').map(v => v.trim());
    if (values.every(v => v === ''))
      throw new LabelSelectorError(
        `"${req}" needs at least one value in the parentheses`,
      );
    values.forEach(v => checkValue(v, set[1]));
    return;
  }
  const op = /^([^=!\s]+)\s*(==|!=|=)\s*(.*)$/.exec(req);
  if (op) {
    checkKey(op[1]);
    checkValue(op[3].trim(), op[1]);
    return;
  }
  const exists = /^(!?)\s*([^=!\s()]+)$/.exec(req);
  if (exists) {
    checkKey(exists[2]);
    return;
  }
  throw new LabelSelectorError(
    `"${req}" is not a requirement; use key=value, key!=value, key in (a,b), key notin (a,b), key or !key`,
  );
}

/**
 * Checks a label selector and returns it trimmed.
 * @throws LabelSelectorError describing the first invalid requirement.
 * @public
 */
export function parseLabelSelector(selector: string): string {
  const trimmed = selector.trim();
  if (trimmed === '') throw new LabelSelectorError('the selector is empty');
  splitRequirements(trimmed).forEach(checkRequirement);
  return trimmed;
}
