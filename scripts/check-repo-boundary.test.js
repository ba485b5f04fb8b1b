// node --test scripts/: the repository-boundary check finds what it must and passes what it may.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { checkRepository } = require('./check-repo-boundary');

// Fixtures spell `..` as UP and the work folder as WORK, so that this file passes its own check.
const expand = text => text.replace(/UP/g, '..').replace(/WORK/g, '/work');

function repoWith(files) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'edp-boundary-'));
  execFileSync('git', ['init', '-q', root]);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), expand(text));
  }
  return root;
}

test('a __dirname chain, a relative literal and a named outside folder are reported', () => {
  const root = repoWith({
    'pkg/src/specs.ts': "path.resolve(__dirname, 'UP', 'UP', 'UP', 'specs');\n",
    'pkg/src/load.ts': "readFileSync('UP/UP/UP/elsewhere/x.json');\n",
    'app-config.yaml': 'dir: WORK/elsewhere/specs\n',
  });
  const findings = checkRepository(root);
  assert.equal(findings.length, 3, findings.join('\n'));
  assert.match(findings.join('\n'), /pkg\/src\/specs\.ts:1/);
  assert.match(findings.join('\n'), /pkg\/src\/load\.ts:1/);
  assert.match(findings.join('\n'), /app-config\.yaml:1/);
});

test('paths that stay inside the repository pass', () => {
  const root = repoWith({
    'pkg/src/specs.ts':
      "path.resolve(__dirname, 'UP', 'UP', 'specs');\nimport x from 'UP/common/x';\n",
    'README.md': 'See UP/UP/elsewhere (prose is not checked).\n',
    'pkg/src/refuse.test.ts':
      "// repo-boundary: data\nrefuses('WORK/x');\nrefuses('UP/UP/UP/y'); // repo-boundary: data\n",
  });
  assert.deepEqual(checkRepository(root), []);
});

test('this repository is clean', () => {
  assert.deepEqual(checkRepository(path.resolve(__dirname, '..')), []);
});
