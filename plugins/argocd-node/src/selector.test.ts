import { LabelSelectorError, parseLabelSelector } from './selector';

describe('parseLabelSelector', () => {
  it.each([
    'app.kubernetes.io/part-of=payments',
    'tier==backend, env!=dev',
    'env in (dev, prod),!legacy',
    'team notin (a),owner',
  ])('accepts %s', selector => {
    expect(parseLabelSelector(` ${selector} `)).toBe(selector);
  });

  it.each([
    ['', /empty/],
    ['a=b,', /empty requirement/],
    ['a=b&c', /not a valid label value/],
    ['env in (dev', /without a matching/],
    ['Bad_Prefix/x=y', /invalid prefix/],
    ['a=b c', /not a valid label value/],
  ])('rejects "%s"', (selector, message) => {
    expect(() => parseLabelSelector(selector)).toThrow(LabelSelectorError);
    expect(() => parseLabelSelector(selector)).toThrow(message);
  });
});
