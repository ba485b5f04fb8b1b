// Every published package keeps the files Backstage's own repositories keep beside each package:
// a catalog-info.yaml describing it (as `backstage-repo-tools generate-catalog-info` derives it
// from package.json) and a CHANGELOG.md whose newest entry is the version in package.json (as
// `yarn changeset version` writes them). The API reports are checked by the same stage of
// ./edp test with `yarn build:api-reports:only --ci`.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');

const root = path.resolve(__dirname, '../..');

/** Workspace packages that would be published: a Backstage role and not private. */
function publishedPackages() {
  return ['packages', 'plugins'].flatMap(parent =>
    fs
      .readdirSync(path.join(root, parent))
      .map(name => path.join(parent, name))
      .filter(dir => fs.existsSync(path.join(root, dir, 'package.json')))
      .map(dir => ({
        dir,
        pkg: JSON.parse(
          fs.readFileSync(path.join(root, dir, 'package.json'), 'utf8'),
        ),
      }))
      .filter(({ pkg }) => pkg.backstage?.role && !pkg.private),
  );
}

/** The entity name `backstage-repo-tools generate-catalog-info` gives a package name. */
const entityNameOf = packageName =>
  packageName
    .replace(/^[^\w\s]|[^a-z0-9]$/g, '')
    .replace(/[^A-Za-z0-9_\-.]+/g, '-');

test('the published packages are found', () => {
  assert.ok(publishedPackages().length >= 19);
});

for (const { dir, pkg } of publishedPackages()) {
  test(`${pkg.name} has a catalog-info.yaml describing it`, () => {
    const file = path.join(root, dir, 'catalog-info.yaml');
    assert.ok(fs.existsSync(file), `${dir}/catalog-info.yaml is missing`);
    const entity = YAML.parse(fs.readFileSync(file, 'utf8'));
    assert.equal(entity.kind, 'Component');
    assert.equal(entity.metadata.name, entityNameOf(pkg.name));
    assert.equal(entity.metadata.title, pkg.name);
    assert.equal(entity.spec.type, `backstage-${pkg.backstage.role}`);
    for (const field of ['owner', 'system', 'lifecycle'])
      assert.ok(entity.spec[field], `${dir}/catalog-info.yaml: spec.${field}`);
  });

  test(`${pkg.name} has a CHANGELOG.md whose newest entry is ${pkg.version}`, () => {
    const file = path.join(root, dir, 'CHANGELOG.md');
    assert.ok(fs.existsSync(file), `${dir}/CHANGELOG.md is missing`);
    const text = fs.readFileSync(file, 'utf8');
    assert.equal(text.split('\n')[0], `# ${pkg.name}`);
    assert.equal(text.match(/^## (\S+)/m)?.[1], pkg.version);
  });
}
