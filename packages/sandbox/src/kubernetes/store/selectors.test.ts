import { parseFieldSelector, parseLabelSelector } from './selectors';

describe('label selectors', () => {
  const labels = {
    app: 'web',
    tier: 'front',
    'app.kubernetes.io/part-of': 'shop',
  };

  it.each([
    ['app=web', true],
    ['app==web,tier=front', true],
    ['app!=web', false],
    ['tier in (front, back)', true],
    ['tier notin (front)', false],
    ['app.kubernetes.io/part-of', true],
    ['!app.kubernetes.io/part-of', false],
    ['missing notin (x)', true],
    ['', true],
  ])('%s -> %s', (selector, expected) => {
    expect(parseLabelSelector(selector)(labels)).toBe(expected);
  });

  it('rejects what it cannot read with a BadRequest naming the term', () => {
    expect(() => parseLabelSelector('app in web')).toThrow(
      'invalid label selector term "app in web"',
    );
  });
});

describe('field selectors', () => {
  it('matches metadata.name and metadata.namespace, with != too', () => {
    const obj = { metadata: { name: 'web', namespace: 'shop' } };
    expect(
      parseFieldSelector('metadata.name=web,metadata.namespace=shop')(obj),
    ).toBe(true);
    expect(parseFieldSelector('metadata.namespace!=shop')(obj)).toBe(false);
    expect(() => parseFieldSelector('metadata.name')).toThrow(
      'invalid field selector term',
    );
  });
});
