import { matchesLabels, parseLabelSelector } from './labelSelector';

const labels = {
  'app.kubernetes.io/part-of': 'payments',
  environment: 'prod',
  team: 'r&d+ops#1',
};
const matches = (selector: string, l: Record<string, string> = labels) =>
  matchesLabels(parseLabelSelector(selector), l);

describe('label selectors', () => {
  it.each([
    ['app.kubernetes.io/part-of=payments', true],
    ['app.kubernetes.io/part-of==payments', true],
    ['app.kubernetes.io/part-of=shop', false],
    ['environment!=prod', false],
    ['environment!=dev', true],
    ['missing!=x', true],
    ['environment in (dev, prod)', true],
    ['environment in (dev,staging)', false],
    ['environment notin (dev,staging)', true],
    ['missing notin (a)', true],
    ['team', true],
    ['missing', false],
    ['!missing', true],
    ['!team', false],
    ['app.kubernetes.io/part-of=payments,environment=prod', true],
    ['app.kubernetes.io/part-of=payments, environment=dev', false],
    ['team=r&d+ops#1', true],
    ['team=r&d', false],
    ['', true],
  ])('%s -> %s', (selector, expected) => {
    expect(matches(selector)).toBe(expected);
  });

  it('matches an empty value only against an empty label', () => {
    expect(matches('tier=', { tier: '' })).toBe(true);
    expect(matches('tier=', { tier: 'web' })).toBe(false);
  });

  it.each([
    ['environment in dev', /expected "\(" after "in"/],
    ['environment in (dev', /expected "," or "\)"/],
    ['environment in ()', /expected a value/],
    ['a=b c=d', /expected "," between requirements/],
    ['a=b,', /after the last ","/],
    ['=b', /expected a label key/],
    ['env foo', /expected =, ==, !=, in, notin/],
  ])(
    'rejects "%s" with a message saying what is wrong',
    (selector, message) => {
      expect(() => parseLabelSelector(selector)).toThrow(message);
    },
  );
});
