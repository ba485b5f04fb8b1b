/**
 * Kubernetes label selectors, as ArgoCD's `selector` query parameter takes them:
 *   key=value, key==value, key!=value, key in (a,b), key notin (a,b), key, !key
 * joined by commas (all must match). Values are taken lexically, like the Kubernetes lexer does,
 * so a correctly URL-encoded value such as `r&d+ops#1` reaches the matcher whole.
 */

export type Requirement =
  | { key: string; op: 'equals' | 'notEquals'; value: string }
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'exists' | 'doesNotExist' };

export class SelectorSyntaxError extends Error {
  constructor(selector: string, detail: string) {
    super(`unable to parse selector "${selector}": ${detail}`);
    this.name = 'SelectorSyntaxError';
  }
}

type Token = {
  kind: 'id' | 'op' | 'comma' | 'open' | 'close' | 'not';
  text: string;
  at: number;
};

const OPERATORS = ['==', '!=', '='];
const SPECIAL = new Set(['=', '!', ',', '(', ')', ' ', '\t', '\n', '\r']);

function operatorAt(selector: string, at: number): string | undefined {
  return OPERATORS.find(op => selector.startsWith(op, at));
}

function tokenize(selector: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < selector.length) {
    const c = selector[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === ',') {
      tokens.push({ kind: 'comma', text: c, at: i++ });
    } else if (c === '(') {
      tokens.push({ kind: 'open', text: c, at: i++ });
    } else if (c === ')') {
      tokens.push({ kind: 'close', text: c, at: i++ });
    } else if (operatorAt(selector, i)) {
      const op = operatorAt(selector, i)!;
      tokens.push({ kind: 'op', text: op, at: i });
      i += op.length;
    } else if (c === '!') {
      tokens.push({ kind: 'not', text: c, at: i++ });
    } else {
      const start = i;
      while (i < selector.length && !SPECIAL.has(selector[i])) i++;
      tokens.push({ kind: 'id', text: selector.slice(start, i), at: start });
    }
  }
  return tokens;
}

/** Parses a selector; an empty selector matches everything. Throws SelectorSyntaxError. */
export function parseLabelSelector(selector: string): Requirement[] {
  const tokens = tokenize(selector);
  const requirements: Requirement[] = [];
  let pos = 0;
  const fail = (detail: string): never => {
    throw new SelectorSyntaxError(selector, detail);
  };
  const peek = () => tokens[pos];
  const describe = (t?: Token) =>
    t ? `"${t.text}" at position ${t.at}` : 'end of selector';

  while (pos < tokens.length) {
    let token = tokens[pos++];
    if (token.kind === 'not') {
      const key = tokens[pos++];
      if (key?.kind !== 'id')
        fail(`expected a label key after "!", found ${describe(key)}`);
      requirements.push({ key: key.text, op: 'doesNotExist' });
    } else if (token.kind === 'id') {
      const key = token.text;
      const next = peek();
      if (!next || next.kind === 'comma') {
        requirements.push({ key, op: 'exists' });
      } else if (next.kind === 'op') {
        pos++;
        // An empty value (`key=`) is valid and matches an empty label value.
        const value = peek()?.kind === 'id' ? tokens[pos++].text : '';
        requirements.push({
          key,
          op: next.text === '!=' ? 'notEquals' : 'equals',
          value,
        });
      } else if (
        next.kind === 'id' &&
        (next.text === 'in' || next.text === 'notin')
      ) {
        pos++;
        if (peek()?.kind !== 'open')
          fail(`expected "(" after "${next.text}", found ${describe(peek())}`);
        pos++;
        const values: string[] = [];
        for (;;) {
          token = tokens[pos++];
          if (token?.kind === 'id') values.push(token.text);
          else
            fail(
              `expected a value in the "${
                next.text
              }" list of "${key}", found ${describe(token)}`,
            );
          token = tokens[pos++];
          if (token?.kind === 'close') break;
          if (token?.kind !== 'comma')
            fail(
              `expected "," or ")" in the "${
                next.text
              }" list of "${key}", found ${describe(token)}`,
            );
        }
        requirements.push({ key, op: next.text as 'in' | 'notin', values });
      } else {
        fail(
          `expected =, ==, !=, in, notin or "," after "${key}", found ${describe(
            next,
          )}`,
        );
      }
    } else {
      fail(`expected a label key, found ${describe(token)}`);
    }
    const separator = tokens[pos];
    if (separator && separator.kind !== 'comma')
      fail(`expected "," between requirements, found ${describe(separator)}`);
    pos++;
    if (separator && pos >= tokens.length)
      fail('expected a requirement after the last ","');
  }
  return requirements;
}

/** True when `labels` satisfy every requirement. */
export function matchesLabels(
  requirements: Requirement[],
  labels: Record<string, string> = {},
): boolean {
  return requirements.every(r => {
    const has = Object.prototype.hasOwnProperty.call(labels, r.key);
    const value = labels[r.key];
    switch (r.op) {
      case 'exists':
        return has;
      case 'doesNotExist':
        return !has;
      case 'equals':
        return has && value === r.value;
      case 'notEquals':
        return !has || value !== r.value;
      case 'in':
        return has && r.values.includes(value);
      case 'notin':
        return !has || !r.values.includes(value);
      default:
        return false;
    }
  });
}
