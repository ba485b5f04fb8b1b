const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { base64Needles, loadCredentials, scanText, main } = require('./scan');

const credentials = loadCredentials();
const values = credentials.map(c => c.value);

test('collects the credentials of the sandbox and the app-config files, not ${ENV} placeholders', () => {
  for (const v of [
    'sandbox-forgejo-token',
    'sandbox-kube-token',
    'sandbox-argocd-password',
    'sandbox-argocd-token-beta',
    'admin:sandbox-argocd-password',
  ])
    assert.ok(values.includes(v), `missing ${v}`);
  assert.ok(!values.some(v => v.startsWith('${')));
});

test('finds a planted credential plain, in a Basic header, in base64 JSON at any alignment, and URL-encoded', () => {
  const basic = `Authorization: Basic ${Buffer.from(
    'admin:sandbox-argocd-password',
  ).toString('base64')}`;
  const inHeader = scanText(basic, credentials, 'x');
  assert.ok(inHeader.some(f => f.source.includes('username:password')));
  assert.ok(inHeader.every(f => f.encoding === 'base64'));
  for (const prefix of ['', 'a', 'ab']) {
    const blob = Buffer.from(
      `${prefix}{"token":"sandbox-kube-token"}`,
    ).toString('base64');
    const found = scanText(`data: ${blob}`, credentials, 'x');
    assert.ok(
      found.some(f => f.source.includes('kube')),
      `not found with prefix "${prefix}"`,
    );
  }
  assert.equal(
    scanText('{"password":"sandbox-forgejo-token"}', credentials, 'x')[0]
      .encoding,
    'plain',
  );
  const inQuery = scanText(
    '?x=admin%3Asandbox-argocd-password',
    credentials,
    'x',
  );
  assert.ok(
    inQuery.some(
      f =>
        f.source.includes('username:password') && f.encoding === 'url-encoded',
    ),
  );
});

test('finds nothing in a text without credentials', () => {
  const clean = JSON.stringify({
    fullName: 'platform/payments-api',
    token: 'not-a-configured-value',
  });
  assert.deepEqual(scanText(clean, credentials, 'x'), []);
  assert.ok(base64Needles('sandbox-kube-token').length >= 3);
});

test('exits 1 on a folder with a planted task log, 0 once it is gone', () => {
  const dir = path.resolve(__dirname, '../../e2e-results/secret-scan-selftest');
  fs.mkdirSync(path.join(dir, 'tasks'), { recursive: true });
  const log = path.join(dir, 'tasks', 'planted.json');
  fs.writeFileSync(
    log,
    JSON.stringify([
      { body: { message: 'cloning with sandbox-forgejo-password' } },
    ]),
  );
  const quiet = console.log;
  console.log = () => {};
  try {
    assert.equal(main([dir]), 1);
    fs.rmSync(log);
    fs.writeFileSync(path.join(dir, 'tasks', 'clean.json'), '[]');
    assert.equal(main([dir]), 0);
    fs.rmSync(path.join(dir, 'tasks'), { recursive: true });
    assert.equal(main([dir]), 1, 'an empty capture must not pass');
  } finally {
    console.log = quiet;
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
