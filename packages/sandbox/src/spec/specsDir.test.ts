import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { findCrdDir } from '../kubernetes/store/crds';
import { SPECS_DIR, specPath } from './specsDir';

const PACKAGE_DIR = path.resolve(__dirname, '..', '..');

/** The table rows of specs/README.md: file name -> recorded sha256. */
function recordedHashes(): Map<string, string> {
  const readme = fs.readFileSync(path.join(SPECS_DIR, 'README.md'), 'utf8');
  const rows = readme
    .split('\n')
    .map(line => /^\| `([^`]+)` \|.*\| `([0-9a-f]{64})` \|$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null);
  return new Map(rows.map(m => [m[1], m[2]]));
}

describe('the sandbox specs', () => {
  it('live inside the sandbox package, so a clone in any folder finds them', () => {
    expect(path.relative(PACKAGE_DIR, SPECS_DIR)).toBe('specs');
    expect(findCrdDir()).toBe(SPECS_DIR);
  });

  it('are each listed in specs/README.md with the hash of the file as it is', () => {
    const hashes = recordedHashes();
    const files = fs.readdirSync(SPECS_DIR).filter(f => f !== 'README.md');
    expect([...hashes.keys()].sort()).toEqual(files.sort());
    for (const [file, sha] of hashes) {
      const actual = crypto
        .createHash('sha256')
        .update(fs.readFileSync(specPath(file)))
        .digest('hex');
      expect({ file, sha: actual }).toEqual({ file, sha });
    }
  });

  it('names the folder and the fix when a spec is missing', () => {
    expect(() => specPath('no-such-spec.json')).toThrow(
      /no-such-spec\.json is missing from .*specs; restore it from git/,
    );
    expect(() => findCrdDir('/nonexistent-crd-dir')).toThrow(
      /kubernetes\.crdDir in the sandbox config must name the folder/,
    );
  });
});
