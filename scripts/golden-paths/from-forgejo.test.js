// What a platform engineer's portal does with the README's "Golden-path content for your own
// portal", against the sandbox's Forgejo stand-in: this repository's templates/ and sample stacks
// are pushed to a Forgejo repository, Backstage's catalog URL processor reads templates/all.yaml by
// URL and then every template it names (resolved as the catalog resolves Location targets), and
// Backstage's URL reader reads each stack folder that provision-stack offers, as
// edp:stack:provision does from edp.defaults.stacksLocation.
const test = require('node:test');
const assert = require('node:assert/strict');
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const YAML = require('yaml');

const root = path.resolve(__dirname, '../..');
const STACKS = 'packages/sandbox/seeds/stacks';
const REPO = 'platform/edp-orchestrator';

/** Starts the Forgejo stand-in alone on a free port; resolves with its URL and a stop function. */
function startForgejo() {
  const child = spawn(
    process.execPath,
    [
      'packages/sandbox/bin/sandbox',
      'start',
      '--only',
      'forgejo',
      '--port',
      'forgejo=0',
      '--port',
      'admin=0',
    ],
    { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const stop = () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`the Forgejo stand-in did not start:\n${output}`));
    }, 90_000);
    const onData = chunk => {
      output += chunk;
      const ready = output.match(/forgejo ready: api=(\S+)/);
      if (ready) {
        clearTimeout(timer);
        resolve({ url: ready[1], stop });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', code => {
      clearTimeout(timer);
      reject(new Error(`the sandbox exited with ${code}:\n${output}`));
    });
  });
}

/** The sandbox's Forgejo token, as app-config.sandbox.yaml gives it to the portal. */
function sandboxToken() {
  const config = YAML.parse(
    fs.readFileSync(path.join(root, 'app-config.sandbox.yaml'), 'utf8'),
  );
  return config.integrations.gitea[0].password;
}

/** A Forgejo repository holding templates/ and the sample stacks, as a fork of ours would. */
async function pushGoldenPaths(forgejoUrl, token) {
  const created = await fetch(`${forgejoUrl}/api/v1/orgs/platform/repos`, {
    method: 'POST',
    headers: {
      authorization: `token ${token}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ name: 'edp-orchestrator', default_branch: 'main' }),
  });
  assert.equal(created.status, 201, await created.text());
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'edp-golden-paths-'));
  try {
    fs.cpSync(path.join(root, 'templates'), path.join(work, 'templates'), {
      recursive: true,
    });
    fs.cpSync(path.join(root, STACKS), path.join(work, STACKS), {
      recursive: true,
    });
    const git = (...args) =>
      execFileSync(
        'git',
        ['-c', 'user.name=edp', '-c', 'user.email=edp@localhost', ...args],
        { cwd: work, stdio: 'pipe' },
      );
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-q', '-m', 'golden paths');
    const push = new URL(`${forgejoUrl}/${REPO}.git`);
    push.username = 'edp-bot';
    push.password = token;
    git('push', '-q', push.toString(), 'main');
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

const filesUnder = dir =>
  fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter(e => e.isFile())
    .map(e => path.relative(dir, path.join(e.parentPath ?? e.path, e.name)))
    .sort();

test('a portal registers the templates and reads the sample stacks by URL from a Forgejo copy of this repository', async t => {
  const forgejo = await startForgejo();
  t.after(forgejo.stop);
  const token = sandboxToken();
  await pushGoldenPaths(forgejo.url, token);

  const { UrlReaders } = require('@backstage/backend-defaults/urlReader');
  const { ConfigReader } = require('@backstage/config');
  const { ScmIntegrations } = require('@backstage/integration');
  const { UrlReaderProcessor } = require('@backstage/plugin-catalog-backend');
  const { parseEntityYaml } = require('@backstage/plugin-catalog-node');
  const { host } = new URL(forgejo.url);
  const config = new ConfigReader({
    integrations: {
      gitea: [{ host, baseUrl: forgejo.url, password: token }],
    },
  });
  const logger = {
    info() {},
    debug() {},
    warn() {},
    error() {},
    child: () => logger,
  };
  const reader = UrlReaders.default({ config, logger });
  const integrations = ScmIntegrations.fromConfig(config);
  const noCache = { get: async () => undefined, set: async () => {} };
  const processor = new UrlReaderProcessor({ reader, logger });
  const readEntities = async target => {
    const results = [];
    await processor.readLocation(
      { type: 'url', target },
      false,
      result => results.push(result),
      async function* parse({ data, location }) {
        yield* parseEntityYaml(data, location);
      },
      noCache,
    );
    const errors = results.filter(r => r.type === 'error');
    assert.deepEqual(errors, [], `reading ${target}`);
    return results.filter(r => r.type === 'entity').map(r => r.entity);
  };

  // The catalog Location of the README's app-config example.
  const base = `${forgejo.url}/${REPO}/src/branch/main`;
  const locationUrl = `${base}/templates/all.yaml`;
  const [location] = await readEntities(locationUrl);
  assert.equal(location.kind, 'Location');
  const templates = [];
  for (const target of location.spec.targets) {
    const url = integrations.resolveUrl({ url: target, base: locationUrl });
    for (const entity of await readEntities(url)) {
      assert.equal(entity.kind, 'Template', url);
      templates.push(entity.metadata.name);
    }
  }
  assert.deepEqual(templates.sort(), [
    'new-service',
    'provision-stack',
    'terraform-run',
  ]);

  // edp.defaults.stacksLocation of that example, and each stack provision-stack offers beneath it.
  const provisionStack = YAML.parse(
    fs.readFileSync(
      path.join(root, 'templates/provision-stack/template.yaml'),
      'utf8',
    ),
  );
  const stacks = provisionStack.spec.parameters[0].properties.stack.enum;
  for (const stack of stacks) {
    const tree = await reader.readTree(`${base}/${STACKS}/${stack}`);
    const served = (await tree.files()).map(f => f.path).sort();
    assert.deepEqual(served, filesUnder(path.join(root, STACKS, stack)), stack);
  }
});
