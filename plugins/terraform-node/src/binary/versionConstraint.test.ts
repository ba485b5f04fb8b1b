import { satisfiesVersion } from './versionConstraint';

describe('satisfiesVersion', () => {
  it.each([
    ['1.9.8', '>= 1.6, < 2.0', true],
    ['2.0.0', '>= 1.6, < 2.0', false],
    ['1.9.8', '~> 1.9', true],
    ['1.10.0', '~> 1.9', true],
    ['2.0.0', '~> 1.9', false],
    ['1.9.8', '~> 1.9.3', true],
    ['1.10.0', '~> 1.9.3', false],
    ['1.8.5', '= 1.8.5', true],
    ['1.8.5', '!= 1.8.5', false],
  ])('%s against %s is %s', (version, constraint, expected) => {
    expect(satisfiesVersion(version, constraint)).toBe(expected);
  });

  it('rejects a constraint it cannot read', () => {
    expect(() => satisfiesVersion('1.0.0', '>> one')).toThrow(/cannot read/);
  });
});
