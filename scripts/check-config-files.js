#!/usr/bin/env node
// Parses each config file given and reports YAML errors as `file:line:column: message`, because
// Backstage's own loader reports the line of a syntax error but not which file it is in.
const fs = require('node:fs');
const YAML = require('yaml');

let bad = 0;
for (const file of process.argv.slice(2)) {
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    console.error(`${file}: cannot be read: ${e.message}`);
    bad++;
    continue;
  }
  for (const doc of YAML.parseAllDocuments(text)) {
    for (const err of doc.errors ?? []) {
      const pos = err.linePos?.[0];
      console.error(
        `${file}:${pos ? `${pos.line}:${pos.col}` : '?'}: ${
          err.message.split('\n')[0]
        }`,
      );
      bad++;
    }
  }
}
process.exit(bad ? 1 : 0);
