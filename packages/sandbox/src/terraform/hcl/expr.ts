/**
 * A small parser for HCL expressions.
 *
 * `@cdktf/hcl2json` turns a .tf file into JSON but leaves every expression as a
 * `${...}` string; this parses those strings (and TF_VAR_ values) into a tree the
 * evaluator walks. It covers the subset the stand-in needs: literals, templates,
 * traversals, splats, function calls, operators, conditionals and for-expressions.
 */

export type Expr =
  | { k: 'lit'; v: unknown }
  | { k: 'tmpl'; parts: Array<string | Expr> }
  | { k: 'var'; name: string }
  | { k: 'get'; obj: Expr; name: string }
  | { k: 'idx'; obj: Expr; key: Expr }
  | { k: 'splat'; obj: Expr; path: Array<{ name?: string; key?: Expr }> }
  | { k: 'call'; name: string; args: Expr[]; expand: boolean }
  | { k: 'list'; items: Expr[] }
  | { k: 'obj'; items: Array<{ key: Expr; value: Expr }> }
  | { k: 'un'; op: string; e: Expr }
  | { k: 'bin'; op: string; l: Expr; r: Expr }
  | { k: 'cond'; c: Expr; t: Expr; f: Expr }
  | {
      k: 'for';
      keyVar?: string;
      valVar: string;
      coll: Expr;
      keyExpr?: Expr;
      valExpr: Expr;
      cond?: Expr;
      object: boolean;
      group: boolean;
    };

export class ExprSyntaxError extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
  }
}

const BINARY_PRECEDENCE: Array<string[]> = [
  ['||'],
  ['&&'],
  ['==', '!='],
  ['<=', '>=', '<', '>'],
  ['+', '-'],
  ['*', '/', '%'],
];

class Parser {
  pos = 0;
  constructor(readonly src: string) {}

  fail(message: string): never {
    throw new ExprSyntaxError(message, this.pos);
  }

  ws() {
    for (;;) {
      const c = this.src[this.pos];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') this.pos++;
      else if (c === '#' || (c === '/' && this.src[this.pos + 1] === '/')) {
        while (this.pos < this.src.length && this.src[this.pos] !== '\n')
          this.pos++;
      } else if (c === '/' && this.src[this.pos + 1] === '*') {
        const end = this.src.indexOf('*/', this.pos + 2);
        this.pos = end < 0 ? this.src.length : end + 2;
      } else return;
    }
  }

  peek(s: string): boolean {
    this.ws();
    return this.src.startsWith(s, this.pos);
  }

  eat(s: string): boolean {
    if (!this.peek(s)) return false;
    this.pos += s.length;
    return true;
  }

  expect(s: string) {
    if (!this.eat(s)) this.fail(`expected "${s}"`);
  }

  ident(): string | undefined {
    this.ws();
    const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(this.src.slice(this.pos));
    if (!m) return undefined;
    this.pos += m[0].length;
    return m[0];
  }

  keyword(word: string): boolean {
    this.ws();
    const save = this.pos;
    if (this.ident() === word) return true;
    this.pos = save;
    return false;
  }

  expression(): Expr {
    const c = this.binary(0);
    if (this.eat('?')) {
      const t = this.expression();
      this.expect(':');
      const f = this.expression();
      return { k: 'cond', c, t, f };
    }
    return c;
  }

  binary(level: number): Expr {
    if (level >= BINARY_PRECEDENCE.length) return this.unary();
    let l = this.binary(level + 1);
    for (;;) {
      this.ws();
      const op = BINARY_PRECEDENCE[level].find(
        o =>
          this.src.startsWith(o, this.pos) &&
          !(o === '<' && this.src[this.pos + 1] === '<'),
      );
      // `=>` belongs to for-expressions, `==` is handled by its own entry.
      if (!op || (op === '>' && this.src[this.pos - 1] === '=')) return l;
      this.pos += op.length;
      l = { k: 'bin', op, l, r: this.binary(level + 1) };
    }
  }

  unary(): Expr {
    if (this.eat('!')) return { k: 'un', op: '!', e: this.unary() };
    if (this.peek('-') && !this.peek('->')) {
      this.pos++;
      return { k: 'un', op: '-', e: this.unary() };
    }
    return this.postfix(this.primary());
  }

  postfix(base: Expr): Expr {
    let e = base;
    for (;;) {
      if (this.peek('.') && !this.peek('...')) {
        this.pos++;
        if (this.eat('*')) {
          e = { k: 'splat', obj: e, path: this.splatPath() };
          continue;
        }
        this.ws();
        const num = /^\d+/.exec(this.src.slice(this.pos));
        if (num) {
          this.pos += num[0].length;
          e = { k: 'idx', obj: e, key: { k: 'lit', v: Number(num[0]) } };
          continue;
        }
        const name = this.ident();
        if (!name) this.fail('expected an attribute name after "."');
        e = { k: 'get', obj: e, name };
      } else if (this.peek('[')) {
        this.pos++;
        if (this.eat('*')) {
          this.expect(']');
          e = { k: 'splat', obj: e, path: this.splatPath() };
          continue;
        }
        const key = this.expression();
        this.expect(']');
        e = { k: 'idx', obj: e, key };
      } else return e;
    }
  }

  splatPath(): Array<{ name?: string; key?: Expr }> {
    const path: Array<{ name?: string; key?: Expr }> = [];
    for (;;) {
      if (this.peek('.') && !this.peek('...')) {
        this.pos++;
        const name = this.ident();
        if (!name) this.fail('expected an attribute name after "."');
        path.push({ name });
      } else if (this.peek('[')) {
        this.pos++;
        path.push({ key: this.expression() });
        this.expect(']');
      } else return path;
    }
  }

  primary(): Expr {
    this.ws();
    const c = this.src[this.pos];
    if (c === undefined) this.fail('unexpected end of expression');
    if (c === '(') {
      this.pos++;
      const e = this.expression();
      this.expect(')');
      return e;
    }
    if (c === '"') return this.quoted();
    if (c === '[') return this.tuple();
    if (c === '{') return this.object();
    const num = /^\d+(\.\d+)?([eE][+-]?\d+)?/.exec(this.src.slice(this.pos));
    if (num) {
      this.pos += num[0].length;
      return { k: 'lit', v: Number(num[0]) };
    }
    const name = this.ident();
    if (!name) this.fail(`unexpected character "${c}"`);
    if (name === 'true' || name === 'false')
      return { k: 'lit', v: name === 'true' };
    if (name === 'null') return { k: 'lit', v: null };
    if (this.peek('(')) {
      this.pos++;
      const args: Expr[] = [];
      let expand = false;
      while (!this.eat(')')) {
        args.push(this.expression());
        if (this.eat('...')) expand = true;
        if (!this.eat(',') && !this.peek(')'))
          this.fail('expected "," or ")" in function call');
      }
      return { k: 'call', name, args, expand };
    }
    return { k: 'var', name };
  }

  tuple(): Expr {
    this.expect('[');
    if (this.keyword('for')) return this.forExpr(false);
    const items: Expr[] = [];
    while (!this.eat(']')) {
      items.push(this.expression());
      if (!this.eat(',') && !this.peek(']'))
        this.fail('expected "," or "]" in list');
    }
    return { k: 'list', items };
  }

  object(): Expr {
    this.expect('{');
    if (this.keyword('for')) return this.forExpr(true);
    const items: Array<{ key: Expr; value: Expr }> = [];
    while (!this.eat('}')) {
      this.ws();
      let key: Expr;
      const save = this.pos;
      const bare = this.ident();
      if (
        bare !== undefined &&
        (this.peek('=') || this.peek(':')) &&
        !this.peek('==')
      ) {
        key = { k: 'lit', v: bare };
      } else {
        this.pos = save;
        key = this.expression();
      }
      if (!this.eat('=') && !this.eat(':'))
        this.fail('expected "=" or ":" after an object key');
      items.push({ key, value: this.expression() });
      this.eat(',');
    }
    return { k: 'obj', items };
  }

  forExpr(object: boolean): Expr {
    const first = this.ident();
    if (!first) this.fail('expected a variable name after "for"');
    let keyVar: string | undefined;
    let valVar = first;
    if (this.eat(',')) {
      keyVar = first;
      const second = this.ident();
      if (!second) this.fail('expected a second variable name');
      valVar = second;
    }
    if (!this.keyword('in')) this.fail('expected "in" in for expression');
    const coll = this.expression();
    this.expect(':');
    let keyExpr: Expr | undefined;
    if (object) {
      keyExpr = this.expression();
      this.expect('=>');
    }
    const valExpr = this.expression();
    const group = object && this.eat('...');
    const cond = this.keyword('if') ? this.expression() : undefined;
    this.expect(object ? '}' : ']');
    return {
      k: 'for',
      keyVar,
      valVar,
      coll,
      keyExpr,
      valExpr,
      cond,
      object,
      group,
    };
  }

  /** A quoted string inside an expression: a template that ends at the closing quote. */
  quoted(): Expr {
    this.expect('"');
    const t = this.template('"');
    this.pos++;
    return t;
  }

  /** Reads template text up to `end` (a quote, or the end of input when undefined). */
  template(end?: string): Expr {
    const parts: Array<string | Expr> = [];
    let text = '';
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (end && c === end) break;
      if (end && c === '\\') {
        const n = this.src[this.pos + 1];
        const map: Record<string, string> = {
          n: '\n',
          t: '\t',
          r: '\r',
          '"': '"',
          '\\': '\\',
        };
        if (n === 'u') {
          text += String.fromCharCode(
            parseInt(this.src.slice(this.pos + 2, this.pos + 6), 16),
          );
          this.pos += 6;
        } else {
          text += map[n] ?? n;
          this.pos += 2;
        }
      } else if (
        this.src.startsWith('$${', this.pos) ||
        this.src.startsWith('%%{', this.pos)
      ) {
        text += `${c}{`;
        this.pos += 3;
      } else if (this.src.startsWith('${', this.pos)) {
        if (text) parts.push(text);
        text = '';
        this.pos += 2;
        this.eat('~');
        parts.push(this.expression());
        this.eat('~');
        this.expect('}');
      } else {
        text += c;
        this.pos++;
      }
    }
    if (end && this.src[this.pos] !== end) this.fail('unterminated string');
    if (text || parts.length === 0) parts.push(text);
    return { k: 'tmpl', parts };
  }
}

/** Parses one expression, e.g. a TF_VAR_ value or the inside of `${...}`. */
export function parseExpression(src: string): Expr {
  const p = new Parser(src);
  const e = p.expression();
  p.ws();
  if (p.pos < src.length)
    p.fail(`unexpected "${src.slice(p.pos, p.pos + 10)}" after expression`);
  return e;
}

/**
 * Parses a string value produced by hcl2json: plain text, or a template with
 * `${...}` parts. A string that is exactly one `${...}` yields that expression
 * itself, so its value keeps its type (a list stays a list).
 */
export function parseTemplateString(src: string): Expr {
  if (!src.includes('${') && !src.includes('$${')) return { k: 'lit', v: src };
  const p = new Parser(src);
  const t = p.template();
  if (t.k === 'tmpl' && t.parts.length === 1 && typeof t.parts[0] !== 'string')
    return t.parts[0];
  return t;
}
