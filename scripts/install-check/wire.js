#!/usr/bin/env node
/*
 * Wires the EDP packages into a stock Backstage app exactly as their READMEs say, so that the
 * install-check stage fails when a README's Install section stops working. The READMEs are read, not
 * this script's own idea of the wiring:
 *
 * - a `sh` block line `yarn --cwd packages/<app|backend> add <names...>` adds those packages to that
 *   workspace, each from its packed tarball (tarballs.json: name -> file);
 * - a `ts` or `diff` block whose first line is `// packages/backend/src/index.ts` changes that file:
 *   in a `ts` block every `backend.add(...)` statement not yet in the file is added before
 *   `backend.start()`; in a `diff` block `-` lines are removed (the statement must be there) and `+`
 *   lines are added where the removed ones were, else before `backend.start()`;
 * - a `yaml` block whose first line is `# app-config.yaml` is saved as app-config.readme-<n>.yaml, so
 *   that the README's configuration example can be checked against the packages' config schemas.
 *
 *   node scripts/install-check/wire.js APP_DIR TARBALLS_JSON README...
 * Prints one line per change; exits 1 when a README step cannot be applied.
 */
const fs = require('node:fs');
const path = require('node:path');

const BACKEND_INDEX = 'packages/backend/src/index.ts';
const [appDir, tarballsFile, ...readmes] = process.argv.slice(2);
const tarballs = JSON.parse(fs.readFileSync(tarballsFile, 'utf8'));

function codeBlocks(markdown) {
  const blocks = [];
  const fence = /^```(\w*)[^\n]*\n([\s\S]*?)^```/gm;
  for (const m of markdown.matchAll(fence))
    blocks.push({ lang: m[1], body: m[2] });
  return blocks;
}

// `backend.add(...)` statements of a ts block, each possibly spread over several lines.
function backendAdds(code) {
  const out = [];
  const re = /backend\.add\(\s*import\(\s*['"][^'"]+['"]\s*\)\s*,?\s*\);/g;
  for (const line of code.split('\n'))
    if (line.trim().startsWith('//')) code = code.replace(line, '');
  for (const m of code.matchAll(re)) out.push(m[0]);
  return out;
}

const squash = s => s.replace(/\s+/g, '').replace(/,\)/g, ')');

function applyToBackendIndex(block, source) {
  const file = path.join(appDir, BACKEND_INDEX);
  let text = fs.readFileSync(file, 'utf8');
  const start = text.lastIndexOf('backend.start()');
  if (start < 0) throw new Error(`${BACKEND_INDEX} has no backend.start()`);
  let insertAt = start;
  let additions = [];
  if (block.lang === 'diff') {
    const lines = block.body.split('\n');
    const removed = lines
      .filter(l => l.startsWith('-'))
      .map(l => l.slice(1))
      .join('\n');
    additions = backendAdds(
      lines
        .filter(l => l.startsWith('+'))
        .map(l => l.slice(1))
        .join('\n'),
    );
    if (removed.trim()) {
      // Whitespace-insensitive: the app's formatting of the statement may differ from the README's.
      const pattern = removed
        .trim()
        .split(/\s+/)
        .map(part => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('\\s*')
        .replace(/\\\)\\s\*;$/, ',?\\s*\\);');
      const match = new RegExp(pattern).exec(text);
      if (!match)
        throw new Error(
          `${source}: the line to remove is not in ${BACKEND_INDEX}: ${removed.trim()}`,
        );
      text =
        text.slice(0, match.index) + text.slice(match.index + match[0].length);
      insertAt = match.index;
      console.log(
        `  ${BACKEND_INDEX}: removed ${removed
          .trim()
          .replace(/\s+/g, ' ')} (${source})`,
      );
    }
  } else {
    additions = backendAdds(block.body);
  }
  const present = squash(text);
  const fresh = additions.filter(a => !present.includes(squash(a)));
  for (const a of additions.filter(x => !fresh.includes(x)))
    console.log(`  ${BACKEND_INDEX}: already there ${a} (${source})`);
  if (fresh.length) {
    if (insertAt === start) insertAt = text.lastIndexOf('backend.start()');
    text = `${text.slice(0, insertAt)}${fresh.join('\n')}\n${text.slice(
      insertAt,
    )}`;
    for (const a of fresh)
      console.log(`  ${BACKEND_INDEX}: added ${a} (${source})`);
  }
  fs.writeFileSync(file, text);
}

function addDependencies(workspace, names, source) {
  const file = path.join(appDir, 'packages', workspace, 'package.json');
  const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
  for (const name of names) {
    if (!tarballs[name])
      throw new Error(`${source}: ${name} is not one of the packed packages`);
    pkg.dependencies[name] = `file:${tarballs[name]}`;
    console.log(`  packages/${workspace}: yarn add ${name} (${source})`);
  }
  fs.writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
}

let configCount = 0;
let failures = 0;
for (const readme of readmes) {
  const source = path.relative(process.cwd(), readme);
  for (const block of codeBlocks(fs.readFileSync(readme, 'utf8'))) {
    const firstLine = block.body
      .split('\n')[0]
      .replace(/^[ +-]/, '')
      .trim();
    try {
      if (block.lang === 'sh' || block.lang === 'bash') {
        for (const m of block.body.matchAll(
          /yarn --cwd packages\/(app|backend) add ([^\n#]+)/g,
        )) {
          addDependencies(m[1], m[2].trim().split(/\s+/), source);
        }
      } else if (
        (block.lang === 'ts' || block.lang === 'diff') &&
        firstLine === `// ${BACKEND_INDEX}`
      ) {
        applyToBackendIndex(block, source);
      } else if (block.lang === 'yaml' && firstLine === '# app-config.yaml') {
        configCount += 1;
        const name = `app-config.readme-${configCount}.yaml`;
        fs.writeFileSync(
          path.join(appDir, name),
          `# from ${source}\n${block.body}`,
        );
        console.log(`  ${name}: configuration example of ${source}`);
      }
    } catch (e) {
      console.error(`  FAILED: ${e.message}`);
      failures += 1;
    }
  }
}
process.exit(failures ? 1 : 0);
