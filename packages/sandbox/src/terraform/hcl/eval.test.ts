import { evaluate, EvalError, type Scope } from './eval';
import { parseExpression, parseTemplateString } from './expr';
import { makeFunctions } from './functions';
import { convertValue, parseTypeSpec, parseVariableText } from './types';
import { UNKNOWN } from './values';

const vars: Record<string, unknown> = {
  name: 'web',
  n: 3,
  tags: { team: 'pay' },
  list: ['a', 'b'],
};
const scope: Scope = {
  functions: makeFunctions(() => 'file-content'),
  lookup: (root, attr) => {
    if (root === 'var' && attr !== undefined) return vars[attr];
    if (root === 'random_pet' && attr === 'p') return { id: UNKNOWN };
    return undefined;
  },
};
const run = (src: string) => evaluate(parseExpression(src), scope);

describe('HCL expressions', () => {
  it('evaluates operators, conditionals, indexes and functions', () => {
    expect(run('1 + 2 * var.n')).toBe(7);
    expect(run('var.n > 2 && !false ? "big" : "small"')).toBe('big');
    expect(run('var.tags["team"]')).toBe('pay');
    expect(run('var.list[1]')).toBe('b');
    expect(run('upper(join("-", var.list))')).toBe('A-B');
    expect(run('format("%s-%03d", var.name, var.n)')).toBe('web-003');
    expect(run('length(var.tags) + length("héllo")')).toBe(6);
    expect(run('jsonencode({ a = var.name, "b" = [1, true] })')).toBe(
      '{"a":"web","b":[1,true]}',
    );
    expect(run('merge(var.tags, { env = "dev" })')).toEqual({
      team: 'pay',
      env: 'dev',
    });
    expect(run('try(var.tags.missing, "fallback")')).toBe('fallback');
  });

  it('evaluates templates and for-expressions', () => {
    expect(
      evaluate(parseTemplateString('hello ${var.name}, ${var.n}!'), scope),
    ).toBe('hello web, 3!');
    expect(evaluate(parseTemplateString('${var.list}'), scope)).toEqual([
      'a',
      'b',
    ]);
    expect(
      evaluate(parseTemplateString('literal $${not.interpolated}'), scope),
    ).toBe('literal ${not.interpolated}');
    expect(run('[for s in var.list : upper(s) if s != "a"]')).toEqual(['B']);
    expect(run('{for i, s in var.list : s => i}')).toEqual({ a: 0, b: 1 });
  });

  it('propagates unknown values from resources not yet created', () => {
    expect(run('"pet-${random_pet.p.id}"')).toBe(UNKNOWN);
    expect(run('upper(random_pet.p.id)')).toBe(UNKNOWN);
  });

  it('reports unknown functions and bad indexes as evaluation errors', () => {
    expect(() => run('nosuch(1)')).toThrow(EvalError);
    expect(() => run('var.list[5]')).toThrow(/out of range/);
    expect(() => parseExpression('1 +')).toThrow();
  });
});

describe('variable types', () => {
  it('converts values to list, map and object types with optional attributes', () => {
    const t = parseTypeSpec(
      '${object({ region = string, size = optional(number, 2), tags = map(string) })}',
    );
    expect(convertValue({ region: 'eu', tags: { a: 1 } }, t)).toEqual({
      region: 'eu',
      size: 2,
      tags: { a: '1' },
    });
    expect(() => convertValue({ tags: {} }, t)).toThrow(/"region" is required/);
    expect(
      parseVariableText('["x", "y"]', parseTypeSpec('${list(string)}')),
    ).toEqual(['x', 'y']);
    expect(
      parseVariableText('{"a": 1}', parseTypeSpec('${map(number)}')),
    ).toEqual({ a: 1 });
    expect(parseVariableText('[1, 2]', 'string')).toBe('[1, 2]');
    expect(() => parseVariableText('many', 'number')).toThrow(
      /number is required/,
    );
  });
});
