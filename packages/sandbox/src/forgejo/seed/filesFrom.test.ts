import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultSeedDir, readSeeds } from './load';

const STACKS = path.resolve(__dirname, '..', '..', '..', 'seeds', 'stacks');

describe('seed commits with files_from', () => {
  it('put every sample stack of seeds/stacks into platform/stacks, file for file', () => {
    const { repos } = readSeeds(defaultSeedDir());
    const stacks = repos.find(
      r => r.owner === 'platform' && r.name === 'stacks',
    )!;
    const files = Object.assign({}, ...stacks.commits!.map(c => c.files ?? {}));
    for (const rel of [
      'ref-implementation/keycloak.yaml',
      'ref-implementation/keycloak/manifests/configmap.yaml',
      'starter/starter-web.yaml',
    ]) {
      expect(files[rel]).toBe(fs.readFileSync(path.join(STACKS, rel), 'utf8'));
    }
    // `files` entries win over the folder's: the repository's README describes every stack.
    expect(files['README.md']).toContain('`hello-world`');
    expect(stacks.commits!.some(c => 'files_from' in c)).toBe(false);
  });

  it('names the seed file and the folder when the folder does not exist', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edp-seed-'));
    try {
      fs.mkdirSync(path.join(dir, 'repos'));
      fs.writeFileSync(path.join(dir, 'accounts.yaml'), 'users: []\n');
      fs.writeFileSync(
        path.join(dir, 'repos', 'x.yaml'),
        'owner: o\nname: x\ncommits:\n  - { message: add, author: a, files_from: ../missing }\n',
      );
      expect(() => readSeeds(dir)).toThrow(
        /x\.yaml: commit "add" has files_from \.\.\/missing, but .*missing is not a folder/,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
