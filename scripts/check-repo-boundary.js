#!/usr/bin/env node
/*
 * Fails when a source, script or config file of the repository refers to a path outside it.
 * A clone must work in any folder, with nothing beside it: an earlier version read specs from a
 * `shared/` folder next to the repository, which only our development machines had.
 *
 * Checked, for every file git tracks or would track (ignored files and the byte-for-byte spec copies
 * excepted): relative string literals ('../x'), `path.resolve|join(__dirname, '..', ...)` chains,
 * and absolute paths into the machines' work folders. Each finding is printed as file:line.
 * A line that names such a path as data (a test feeding a forbidden path to the code that refuses it)
 * says so with the marker `repo-boundary: data` on the same line or the line above.
 *
 *   node scripts/check-repo-boundary.js [ROOT]   exit 0 when clean, 1 with the findings
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const CHECKED =
  /\.(ts|tsx|js|cjs|mjs|sh|ya?ml|json)$|(^|\/)(edp|run|sandbox|terraform)$/;
const SKIPPED = [
  /^packages\/sandbox\/specs\//,
  /^\.yarn\//,
  /(^|\/)yarn\.lock$/,
];
// Work folders of the machines this repository is developed on: no file may name them.
const ABSOLUTE = /(^|[\s'"`=(:])\/(work|home|root|tmp\/ci)\/[\w.-]+/;
const NAMED_OUTSIDE = /\.\.\/shared\b|\bshared\/specs\b/;
const RELATIVE_LITERAL = /(['"`])((?:\.\.\/)+[^'"`\s$]*)\1/g;
const DIRNAME_CHAIN = /(?:resolve|join)\(\s*__dirname\s*,([^)]*)\)/g;
const DATA_MARKER = 'repo-boundary: data';

function listFiles(root) {
  const out = execFileSync(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  return out
    .split('\0')
    .filter(Boolean)
    .filter(f => CHECKED.test(f) && !SKIPPED.some(re => re.test(f)))
    .filter(f => fs.existsSync(path.join(root, f)));
}

function isOutside(root, target) {
  const rel = path.relative(root, target);
  return (
    rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)
  );
}

/** The string literals at the start of a call's argument list, up to the first non-literal. */
function leadingLiterals(args) {
  const literals = [];
  for (const part of args.split(',')) {
    const m = /^\s*(['"`])([^'"`]*)\1\s*$/.exec(part);
    if (!m) break;
    literals.push(m[2]);
  }
  return literals;
}

/** Findings of one file as `file:line: reason`. */
function checkFile(root, file) {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  const dir = path.dirname(path.join(root, file));
  const findings = [];
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    const where = `${file}:${i + 1}`;
    if (line.includes(DATA_MARKER) || lines[i - 1]?.includes(DATA_MARKER))
      return;
    if (NAMED_OUTSIDE.test(line) || ABSOLUTE.test(line)) {
      findings.push(
        `${where}: names a folder outside the repository: ${line.trim()}`,
      );
      return;
    }
    for (const m of line.matchAll(RELATIVE_LITERAL)) {
      if (isOutside(root, path.resolve(dir, m[2]))) {
        findings.push(`${where}: '${m[2]}' leads outside the repository`);
      }
    }
    for (const m of line.matchAll(DIRNAME_CHAIN)) {
      const segments = leadingLiterals(m[1]);
      if (isOutside(root, path.resolve(dir, ...segments))) {
        findings.push(
          `${where}: __dirname + ${segments.join(
            '/',
          )} leads outside the repository`,
        );
      }
    }
  });
  return findings;
}

function checkRepository(root) {
  return listFiles(root).flatMap(file => checkFile(root, file));
}

module.exports = { checkRepository, checkFile };

if (require.main === module) {
  const root = path.resolve(process.argv[2] || path.join(__dirname, '..'));
  const findings = checkRepository(root);
  for (const f of findings) console.error(f);
  if (findings.length) {
    console.error(
      `${findings.length} reference(s) outside the repository: copy what they need into it (e.g. packages/sandbox/specs).`,
    );
    process.exit(1);
  }
  console.log(
    'repository boundary: no file refers to a path outside the repository',
  );
}
