/**
 * Terraform-style version constraints (`>= 1.6, < 2.0`, `~> 1.9`, `= 1.9.3`, `!= 1.7.0`),
 * enough to gate the configured binary without pulling in a semver library.
 */
type Version = [number, number, number];

function parseVersion(text: string): Version | undefined {
  const match = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(text.trim());
  if (!match) return undefined;
  return [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0)];
}

function compare(a: Version, b: Version): number {
  for (let i = 0; i < 3; i++) {
    if (a[i] !== b[i]) return a[i] - b[i];
  }
  return 0;
}

function satisfiesOne(version: Version, clause: string): boolean {
  const match = /^(>=|<=|~>|!=|=|>|<)?\s*(\S+)$/.exec(clause.trim());
  const target = match && parseVersion(match[2]);
  if (!match || !target) {
    throw new Error(`cannot read version constraint "${clause.trim()}"`);
  }
  const diff = compare(version, target);
  switch (match[1] ?? '=') {
    case '>=':
      return diff >= 0;
    case '<=':
      return diff <= 0;
    case '>':
      return diff > 0;
    case '<':
      return diff < 0;
    case '!=':
      return diff !== 0;
    case '~>': {
      // `~> 1.9` allows 1.x >= 1.9; `~> 1.9.3` allows 1.9.x >= 1.9.3.
      const parts = match[2].replace(/^v/, '').split('.').length;
      const prefix = parts >= 3 ? 2 : 1;
      return (
        diff >= 0 &&
        version.slice(0, prefix).join('.') === target.slice(0, prefix).join('.')
      );
    }
    default:
      return diff === 0;
  }
}

/** True when `version` meets every comma-separated clause of `constraint`. @public */
export function satisfiesVersion(version: string, constraint: string): boolean {
  const parsed = parseVersion(version);
  if (!parsed) throw new Error(`cannot read version "${version}"`);
  return constraint
    .split(',')
    .filter(c => c.trim())
    .every(clause => satisfiesOne(parsed, clause));
}
