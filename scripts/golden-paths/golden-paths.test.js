// The golden-path content a platform engineer takes from this repository (README, "Golden-path
// content for your own portal") is where the README says, and the templates only ask for what
// exists: the catalog Location lists every template, each stack and module a template offers is a
// folder of the documented place, and every action a template calls is one a package registers.
// Run by ./edp test (stage "golden-path content"): node --test scripts/golden-paths/
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');

const root = path.resolve(__dirname, '../..');
const templatesDir = path.join(root, 'templates');
const stacksDir = path.join(root, 'packages/sandbox/seeds/stacks');
const modulesDir = path.join(root, 'packages/sandbox/modules');

const readYamlDocs = file =>
  YAML.parseAllDocuments(fs.readFileSync(file, 'utf8')).map(d => d.toJS());
const templateFile = name => path.join(templatesDir, name, 'template.yaml');
const templateNames = () =>
  fs
    .readdirSync(templatesDir, { withFileTypes: true })
    .filter(e => e.isDirectory() && fs.existsSync(templateFile(e.name)))
    .map(e => e.name)
    .sort();
const readTemplate = name => readYamlDocs(templateFile(name))[0];
/** The `enum` of a template parameter, from whichever parameter page declares it. */
const enumOf = (template, property) => {
  for (const page of template.spec.parameters) {
    const values = page.properties?.[property]?.enum;
    if (values) return values;
  }
  throw new Error(`${template.metadata.name} has no ${property} choice`);
};
const listFiles = dir =>
  fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .flatMap(e =>
      e.isFile() ? [path.join(e.parentPath ?? e.path, e.name)] : [],
    );

// Actions of Backstage's scaffolder backend that the templates use beside ours.
const BUILT_IN_ACTIONS = new Set([
  'fetch:plain',
  'fetch:plain:file',
  'fetch:template',
  'fetch:template:file',
  'catalog:register',
  'catalog:write',
  'catalog:fetch',
  'debug:log',
  'debug:wait',
]);

/** Action ids our scaffolder modules register (`id: 'x:y'` in their sources, tests left out). */
function registeredActionIds() {
  const ids = new Set();
  for (const dir of fs.readdirSync(path.join(root, 'plugins'))) {
    if (!dir.startsWith('scaffolder-backend-module-')) continue;
    const src = path.join(root, 'plugins', dir, 'src');
    for (const file of listFiles(src)) {
      if (!/\.ts$/.test(file) || /\.test\.ts$|__testUtils__/.test(file))
        continue;
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bid: '([a-z]+(?::[A-Za-z]+)+)'/g))
        ids.add(m[1]);
    }
  }
  return ids;
}

test('templates/all.yaml, the Location a portal registers, lists every template of templates/', () => {
  const [location] = readYamlDocs(path.join(templatesDir, 'all.yaml'));
  assert.equal(location.kind, 'Location');
  const listed = location.spec.targets
    .map(t => path.posix.dirname(path.posix.normalize(t)))
    .sort();
  assert.deepEqual(listed, templateNames());
  for (const name of listed) {
    const template = readTemplate(name);
    assert.equal(template.kind, 'Template', `${name}/template.yaml`);
    assert.equal(template.metadata.name, name, `${name}/template.yaml`);
  }
});

test('each stack provision-stack offers is a folder of packages/sandbox/seeds/stacks with its Applications', () => {
  for (const stack of enumOf(readTemplate('provision-stack'), 'stack')) {
    const dir = path.join(stacksDir, stack);
    assert.ok(
      fs.existsSync(dir),
      `stack ${stack}: no folder ${path.relative(root, dir)}`,
    );
    const applications = fs
      .readdirSync(dir)
      .filter(f => f.endsWith('.yaml'))
      .flatMap(f => readYamlDocs(path.join(dir, f)))
      .filter(doc => doc?.kind === 'Application');
    assert.ok(
      applications.length > 0,
      `stack ${stack}: no ArgoCD Application at the top of ${path.relative(
        root,
        dir,
      )}`,
    );
  }
});

test('each module terraform-run offers is a module folder of packages/sandbox/modules, named so in the sandbox config', () => {
  const offered = enumOf(readTemplate('terraform-run'), 'module');
  const sandboxConfig = YAML.parse(
    fs.readFileSync(path.join(root, 'app-config.sandbox.yaml'), 'utf8'),
  );
  const configured = sandboxConfig.edp.terraform.modules;
  for (const module of offered) {
    const dir = path.join(modulesDir, module);
    assert.ok(
      fs.existsSync(dir) && fs.readdirSync(dir).some(f => f.endsWith('.tf')),
      `module ${module}: no .tf file in ${path.relative(root, dir)}`,
    );
    assert.equal(
      path.resolve(root, 'packages/backend', configured[module] ?? ''),
      dir,
      `module ${module}: edp.terraform.modules.${module} in app-config.sandbox.yaml`,
    );
  }
});

test('only slow-and-failing needs the sandbox; the other sample modules use public providers', () => {
  const sandboxOnly = fs
    .readdirSync(modulesDir, { withFileTypes: true })
    .filter(e => e.isDirectory())
    .filter(e =>
      listFiles(path.join(modulesDir, e.name)).some(
        f =>
          f.endsWith('.tf') &&
          /\b(resource|data) "sandbox_/.test(fs.readFileSync(f, 'utf8')),
      ),
    )
    .map(e => e.name);
  assert.deepEqual(sandboxOnly, ['slow-and-failing']);
});

test('every action a template calls is registered by one of our modules or is built into the scaffolder', () => {
  const ours = registeredActionIds();
  assert.ok(ours.has('edp:terraform:run'), 'the action ids were found');
  for (const name of templateNames()) {
    for (const step of readTemplate(name).spec.steps) {
      assert.ok(
        ours.has(step.action) || BUILT_IN_ACTIONS.has(step.action),
        `${name}, step ${step.id}: no package registers the action ${step.action}`,
      );
    }
  }
});
