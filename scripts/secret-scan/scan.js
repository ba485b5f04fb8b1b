#!/usr/bin/env node
/**
 * Secret scan (issue 11): no credential of the sandbox or of the app-config files may reach the browser
 * or a task log. Collects every credential value of packages/sandbox/sandbox.yaml, the sandbox's Forgejo
 * accounts and app-config*.yaml (values under keys such as token, password, secret; plus user:password
 * pairs, which Basic headers carry), then searches for each, plain and base64-encoded, in:
 *   --config-print   the output of `backstage-cli config:print --frontend` for the sandbox portal
 *   <paths...>       files or folders (the browser suite saves card responses and task logs under
 *                    e2e-results/captured)
 * Prints each finding (file, credential source, encoding; never the credential itself) and exits 1 if
 * anything was found.
 *
 *   node scripts/secret-scan/scan.js --config-print e2e-results/captured
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const YAML = require('yaml');

const ROOT = path.resolve(__dirname, '..', '..');
const CREDENTIAL_KEY =
  /(token|password|passwd|secret|apikey|api_key|credential|privatekey|private_key)s?$/i;
/** Shorter values would match by accident (and are not real credentials). */
const MIN_LENGTH = 8;

/** The files whose credentials must never leave the backend. */
function credentialFiles(root = ROOT) {
  const appConfigs = fs
    .readdirSync(root)
    .filter(f => /^app-config.*\.ya?ml$/.test(f))
    .map(f => path.join(root, f));
  const e2eConfigs = fs.existsSync(path.join(root, 'e2e'))
    ? fs
        .readdirSync(path.join(root, 'e2e'))
        .filter(f => /^app-config.*\.ya?ml$/.test(f))
        .map(f => path.join(root, 'e2e', f))
    : [];
  return [
    path.join(root, 'packages/sandbox/sandbox.yaml'),
    path.join(root, 'packages/sandbox/seeds/forgejo/accounts.yaml'),
    ...appConfigs,
    ...e2eConfigs,
  ].filter(f => fs.existsSync(f));
}

/** Every credential value in a parsed YAML tree, with where it came from. */
function collectCredentials(value, source, found = [], key = '', at = '') {
  const add = (v, where) => {
    if (typeof v !== 'string') return;
    if (v.length < MIN_LENGTH || /^\$\{[^}]+\}$/.test(v)) return; // ${ENV}: not a value
    found.push({ value: v, source: `${source}: ${where}` });
  };
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      if (CREDENTIAL_KEY.test(key) && typeof v === 'string')
        add(v, `${at}[${i}]`);
      else collectCredentials(v, source, found, key, `${at}[${i}]`);
    });
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const where = at ? `${at}.${k}` : k;
      if (CREDENTIAL_KEY.test(k) && typeof v === 'string') add(v, where);
      else collectCredentials(v, source, found, k, where);
    }
    const user = value.username ?? value.login ?? value.user;
    const isValue = v => typeof v === 'string' && !v.includes('${');
    if (isValue(user) && isValue(value.password))
      add(`${user}:${value.password}`, `${at || '.'} username:password`);
  }
  return found;
}

function loadCredentials(files = credentialFiles()) {
  const all = [];
  for (const file of files) {
    for (const doc of YAML.parseAllDocuments(fs.readFileSync(file, 'utf8')))
      collectCredentials(doc.toJS(), path.relative(ROOT, file), all);
  }
  const seen = new Set();
  return all.filter(c => !seen.has(c.value) && seen.add(c.value));
}

/**
 * The base64 forms a value takes inside any longer base64 text: one per alignment (0, 1 or 2 bytes
 * before it), without the characters its neighbours would change.
 */
function base64Needles(value) {
  const bytes = Buffer.from(value, 'utf8');
  const needles = [];
  for (let offset = 0; offset < 3; offset++) {
    const padded = Buffer.concat([Buffer.alloc(offset), bytes]);
    const encoded = padded.toString('base64').replace(/=+$/, '');
    const start = offset === 0 ? 0 : Math.ceil((offset * 4) / 3);
    const usable = Math.floor((padded.length * 8) / 6);
    const needle = encoded.slice(start, usable);
    if (needle.length >= 8) {
      needles.push(needle);
      needles.push(needle.replace(/\+/g, '-').replace(/\//g, '_')); // base64url
    }
  }
  return [...new Set(needles)];
}

/** Findings of the credentials in one text. */
function scanText(text, credentials, where) {
  const findings = [];
  for (const { value, source } of credentials) {
    if (text.includes(value))
      findings.push({ where, source, encoding: 'plain' });
    else if (text.includes(encodeURIComponent(value)))
      findings.push({ where, source, encoding: 'url-encoded' });
    else if (base64Needles(value).some(n => text.includes(n)))
      findings.push({ where, source, encoding: 'base64' });
  }
  return findings;
}

function filesUnder(target) {
  if (!fs.existsSync(target)) return [];
  if (fs.statSync(target).isFile()) return [target];
  return fs
    .readdirSync(target, { withFileTypes: true })
    .flatMap(e => filesUnder(path.join(target, e.name)));
}

/** What the browser receives as configuration, for the sandbox portal the browser suite runs. */
function frontendConfig() {
  const yarn = fs
    .readdirSync(path.join(ROOT, '.yarn/releases'))
    .filter(f => /^yarn-.*\.cjs$/.test(f))
    .sort()
    .pop();
  const configs = ['app-config.yaml', 'app-config.sandbox.yaml']
    .concat(
      fs.existsSync(path.join(ROOT, 'e2e/app-config.e2e.yaml'))
        ? ['e2e/app-config.e2e.yaml']
        : [],
    )
    .flatMap(f => ['--config', path.join(ROOT, f)]);
  const res = spawnSync(
    process.execPath,
    [
      path.join(ROOT, '.yarn/releases', yarn),
      'backstage-cli',
      'config:print',
      '--frontend',
      '--lax',
      '--format',
      'json',
      ...configs,
    ],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (res.status !== 0)
    throw new Error(`config:print --frontend failed: ${res.stderr}`);
  return res.stdout;
}

function main(argv) {
  const withConfig = argv.includes('--config-print');
  const targets = argv.filter(a => a !== '--config-print');
  const credentials = loadCredentials();
  const findings = [];
  let scanned = 0;
  if (withConfig) {
    findings.push(
      ...scanText(frontendConfig(), credentials, 'config:print --frontend'),
    );
    scanned++;
  }
  for (const target of targets) {
    const files = filesUnder(path.resolve(target));
    // An empty capture would pass vacuously: the browser suite always saves responses and task logs.
    if (files.length === 0) {
      console.log(`secret scan: nothing to scan in ${target}`);
      return 1;
    }
    for (const file of files) {
      findings.push(
        ...scanText(
          fs.readFileSync(file, 'utf8'),
          credentials,
          path.relative(ROOT, file),
        ),
      );
      scanned++;
    }
  }
  for (const f of findings)
    console.log(`SECRET in ${f.where}: ${f.source} (${f.encoding})`);
  console.log(
    `secret scan: ${credentials.length} credentials, ${scanned} texts, ${findings.length} findings`,
  );
  return findings.length === 0 ? 0 : 1;
}

module.exports = {
  base64Needles,
  collectCredentials,
  loadCredentials,
  scanText,
  filesUnder,
  main,
};

if (require.main === module) process.exitCode = main(process.argv.slice(2));
