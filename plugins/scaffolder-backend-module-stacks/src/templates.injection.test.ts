import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import yaml from 'yaml';
import { validate } from 'jsonschema';
import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import { ScmIntegrations } from '@backstage/integration';
import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import {
  createCatalogWriteAction,
  createFetchTemplateAction,
} from '@backstage/plugin-scaffolder-backend';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';

/**
 * Issue 11 point 3: a template parameter must not be able to add a YAML document or key to what the
 * templates generate. Two layers are checked: the parameter schema (what the scaffolder validates a
 * task's values against, with the same `jsonschema` library) rejects the values, and, should a value
 * arrive some other way (an action's output, a future parameter), the skeleton still renders it as one
 * quoted scalar, through the scaffolder's own fetch:template action (its nunjucks set-up).
 */

const ROOT = path.resolve(__dirname, '../../..');
const templateFile = (name: string) =>
  path.join(ROOT, 'templates', name, 'template.yaml');
const loadTemplate = (name: string) =>
  yaml.parse(fs.readFileSync(templateFile(name), 'utf8'));

/** The values of issue 11: an extra Secret through `image`, a whole Template through `owner`. */
const SECRET_DOCUMENT = [
  'nginx:1.27',
  '---',
  'apiVersion: v1',
  'kind: Secret',
  'metadata:',
  '  name: stolen',
  '  namespace: kube-system',
  'stringData:',
  '  token: x',
].join('\n');
const TEMPLATE_DOCUMENT = [
  'group:default/developers',
  '---',
  'apiVersion: scaffolder.backstage.io/v1beta3',
  'kind: Template',
  'metadata:',
  '  name: planted',
  'spec:',
  '  type: service',
  '  steps: []',
].join('\n');
/**
 * One line: a new key on the same line, a flow mapping, an alias, a quote that would close a hand-written
 * one. A prose field (a description) may accept these; the skeleton must still render them as one string.
 */
const ONE_LINE = ['{ planted: key }', '*anchor', 'a" , "planted": "b'];
const MULTI_LINE = [
  SECRET_DOCUMENT,
  TEMPLATE_DOCUMENT,
  'group:default/developers\n  planted: key',
];
const INJECTIONS = [...MULTI_LINE, ...ONE_LINE];

/** Form values every template accepts, so that a failure names only the field under test. */
const VALID: Record<string, Record<string, unknown>> = {
  'new-service': { name: 'demo', owner: 'group:default/developers' },
  'provision-stack': { stack: 'starter', name: 'demo' },
  'terraform-run': { module: 'local-file', name: 'demo', owner: 'group:x' },
};

/**
 * Every string property of every page, with its page and the values that select it (a `dependencies`
 * branch is only validated when its `const` matches).
 */
function stringProperties(template: any) {
  const found: {
    key: string;
    schema: any;
    page: any;
    selector: Record<string, unknown>;
  }[] = [];
  for (const page of template.spec.parameters) {
    const branches = Object.values<any>(page.dependencies ?? {}).flatMap(
      d => d.oneOf ?? [],
    );
    const groups = [
      { properties: page.properties, selector: {} },
      ...branches.map(b => ({
        properties: b.properties,
        selector: Object.fromEntries(
          Object.entries<any>(b.properties)
            .filter(([, s]) => s.const !== undefined)
            .map(([k, s]) => [k, s.const]),
        ),
      })),
    ];
    for (const { properties, selector } of groups)
      for (const [key, schema] of Object.entries<any>(properties ?? {}))
        if (schema.type === 'string')
          found.push({ key, schema, page, selector });
  }
  return found;
}

/**
 * Whether the form refuses `value` in the field: jsonschema names the property, or (a field of a
 * `dependencies` branch) the branch no longer matches, while the same values without it pass.
 */
function rejection(
  name: string,
  field: { key: string; page: any; selector: Record<string, unknown> },
  value: string,
) {
  const { key, page, selector } = field;
  const benign = formErrors(name, page, selector);
  const errors = formErrors(name, page, { ...selector, [key]: value });
  const named = errors.some(e => e.property === `instance.${key}`);
  const branch = Object.keys(selector).length > 0 && errors.length > 0;
  return { key, rejected: benign.length === 0 && (named || branch) };
}

const allRejected = (fields: { key: string }[]) =>
  fields.map(({ key }) => ({ key, rejected: true }));

/** Free text by nature: one line of any printable characters. */
const PROSE = ['description', 'content'];

const isFreeText = (schema: any) => !schema.enum && schema.const === undefined;

/** Fills the defaults, as the form does, then validates one page as the scaffolder backend does. */
function formErrors(name: string, page: any, values: Record<string, unknown>) {
  const defaults = Object.fromEntries(
    Object.entries<any>(page.properties ?? {})
      .filter(([, s]) => s.default !== undefined)
      .map(([k, s]) => [k, s.default]),
  );
  return validate({ ...defaults, ...VALID[name], ...values }, page).errors;
}

describe.each(Object.keys(VALID))('template %s: parameter schema', name => {
  const template = loadTemplate(name);
  const free = stringProperties(template).filter(p => isFreeText(p.schema));

  it('gives every free-text parameter a pattern', () => {
    expect(free.length).toBeGreaterThan(0);
    expect(free.filter(p => !p.schema.pattern).map(p => p.key)).toEqual([]);
  });

  it('accepts its defaults and the sandbox placement values', () => {
    for (const page of template.spec.parameters)
      expect(formErrors(name, page, {})).toEqual([]);
    const sandbox = yaml.parse(
      fs.readFileSync(path.join(ROOT, 'app-config.sandbox.yaml'), 'utf8'),
    ).edp.defaults;
    const placed = free.filter(p => p.key in sandbox);
    expect(placed.length).toBeGreaterThan(0);
    for (const { key, page } of placed)
      expect(formErrors(name, page, { [key]: sandbox[key] })).toEqual([]);
  });

  it.each(MULTI_LINE.map(v => [JSON.stringify(v).slice(0, 40), v]))(
    'rejects %s in every free-text field, naming the field',
    (_label, value) => {
      expect(free.map(field => rejection(name, field, value))).toEqual(
        allRejected(free),
      );
    },
  );

  it.each(ONE_LINE.map(v => [v]))(
    'rejects %s in every field but prose (the skeleton quotes prose)',
    value => {
      const strict = free.filter(field => !PROSE.includes(field.key));
      expect(strict.map(field => rejection(name, field, value))).toEqual(
        allRejected(strict),
      );
    },
  );
});

/** Renders a template's skeleton with fetch:template, as step `fetch`/`entity` does, and parses every YAML file. */
async function renderSkeleton(name: string, values: JsonObject) {
  const action = createFetchTemplateAction({
    reader: mockServices.urlReader.mock(),
    integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
  });
  const ctx = {
    ...createMockActionContext({
      input: { url: './skeleton', values },
      workspacePath: createMockDirectory().path,
      templateInfo: {
        baseUrl: pathToFileURL(templateFile(name)).href,
        entityRef: `template:default/${name}`,
      },
    }),
    // The action copies the skeleton to a temporary folder first: not the workspace.
    createTemporaryDirectory: async () => createMockDirectory().path,
  };
  await action.handler(ctx as any);
  const files: Record<string, yaml.Document.Parsed[]> = {};
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (/\.ya?ml$/.test(entry.name))
        files[path.relative(ctx.workspacePath, file)] = yaml.parseAllDocuments(
          fs.readFileSync(file, 'utf8'),
        ) as yaml.Document.Parsed[];
    }
  };
  walk(ctx.workspacePath);
  return files;
}

/** `{ a: { b: ['x'] } }` → `{ 'a.b.0': 'x' }`. */
function leaves(value: unknown, prefix = ''): Record<string, unknown> {
  if (value === null || typeof value !== 'object') return { [prefix]: value };
  return Object.assign(
    {},
    ...Object.entries(value).map(([k, v]) =>
      leaves(v, prefix ? `${prefix}.${k}` : k),
    ),
  );
}

/** The values each skeleton receives from its template's fetch step, benign ones. */
const SKELETON_VALUES: Record<string, JsonObject> = {
  'new-service': {
    name: 'demo',
    description: 'A service built on the EDP platform.',
    owner: 'group:default/developers',
    image: 'ghcr.io/stefanprodan/podinfo:6.7.0',
    port: 9898,
    repoSlug: 'platform/demo',
    argocdInstance: 'platform',
  },
  'provision-stack': {
    name: 'demo',
    stack: 'starter',
    owner: 'group:default/platform-engineers',
    selector: 'edp.io/stack=demo',
    argocdInstance: 'platform',
    repoSlug: 'platform/demo-stack',
    applications: [{ name: 'web', sync: 'Synced', health: 'Healthy' }],
    repositories: [
      {
        name: 'demo-web',
        dir: 'web/manifests',
        htmlUrl: 'http://forgejo/platform/demo-web',
      },
    ],
  },
};

describe.each(Object.keys(SKELETON_VALUES))(
  'template %s: skeleton rendered by fetch:template',
  name => {
    const benign = SKELETON_VALUES[name];
    const stringKeys = Object.keys(benign).filter(
      k => typeof benign[k] === 'string',
    );

    it('keeps every YAML file one document, with the keys of a benign run and the value as one string', async () => {
      const expected = await renderSkeleton(name, benign);
      const shapes = Object.fromEntries(
        Object.entries(expected).map(([file, docs]) => {
          expect(docs.map(d => d.errors)).toEqual([[]]);
          return [file, Object.keys(leaves(docs[0].toJS()))];
        }),
      );
      for (const key of stringKeys) {
        for (const value of INJECTIONS) {
          const rendered = await renderSkeleton(name, {
            ...benign,
            [key]: value,
          });
          for (const [file, docs] of Object.entries(rendered)) {
            expect({ file, key, docs: docs.length }).toEqual({
              file,
              key,
              docs: 1,
            });
            expect(docs[0].errors).toEqual([]);
            const flat = leaves(docs[0].toJS());
            expect(Object.keys(flat)).toEqual(shapes[file]);
            // Where the benign value went, the injected one went whole.
            const benignFlat = leaves(expected[file][0].toJS());
            const where = Object.keys(benignFlat).filter(
              at => benignFlat[at] === benign[key],
            );
            expect(where.map(at => flat[at])).toEqual(where.map(() => value));
          }
        }
      }
    });
  },
);

describe('template provision-stack: skeleton', () => {
  it('quotes values from action outputs too (its repository list)', async () => {
    const rendered = await renderSkeleton('provision-stack', {
      ...SKELETON_VALUES['provision-stack'],
      repositories: [
        { name: 'x', dir: SECRET_DOCUMENT, htmlUrl: TEMPLATE_DOCUMENT },
      ],
    });
    const [doc] = rendered['catalog-info.yaml'];
    expect(rendered['catalog-info.yaml']).toHaveLength(1);
    expect(doc.toJS().metadata.links).toEqual([
      { url: TEMPLATE_DOCUMENT, title: `${SECRET_DOCUMENT} repository` },
    ]);
  });
});

describe('template terraform-run: catalog:write of the Resource', () => {
  it('writes an injected owner as one string of one document', async () => {
    const step = loadTemplate('terraform-run').spec.steps.find(
      (s: any) => s.action === 'catalog:write',
    );
    // A step input that is a single ${{ }} expression receives the raw value.
    expect(step.input.entity.spec.owner).toBe('${{ parameters.owner }}');
    const entity = structuredClone(step.input.entity);
    entity.spec.owner = TEMPLATE_DOCUMENT;
    const ctx = createMockActionContext({
      input: { filePath: 'catalog/catalog-info.yaml', entity },
    });
    await createCatalogWriteAction().handler(ctx as any);
    const docs = yaml.parseAllDocuments(
      fs.readFileSync(
        path.join(ctx.workspacePath, 'catalog/catalog-info.yaml'),
        'utf8',
      ),
    );
    expect(docs).toHaveLength(1);
    expect((docs[0].toJS() as any).spec.owner).toBe(TEMPLATE_DOCUMENT);
  });
});
