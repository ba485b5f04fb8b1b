import { globToRegExp, renderStackFiles, RenderOptions } from './values';

const tree = (files: Record<string, string | Buffer>) =>
  new Map(
    Object.entries(files).map(([k, v]) => [
      k,
      Buffer.isBuffer(v) ? v : Buffer.from(v),
    ]),
  );

const render = (
  files: Record<string, string | Buffer>,
  options: Partial<RenderOptions> = {},
) => {
  const warnings: string[] = [];
  const input = tree(files);
  const out = renderStackFiles(input, {
    stackDir: 'stack',
    manifestFiles: new Set(['stack/app.yaml']),
    values: {},
    valuesIn: [],
    replace: {},
    warn: m => warnings.push(m),
    ...options,
  });
  return { input, out, warnings };
};

describe('stack values', () => {
  const skeleton =
    'apiVersion: backstage.io/v1alpha1\nmetadata:\n  name: ${{ values.name }}\n';

  it('fills in the Application files only, leaving every pushed file byte-identical', () => {
    const { input, out, warnings } = render(
      {
        'stack/app.yaml': 'namespace: ${{ values.ns | default("web") }}\n',
        'stack/web/config.yaml': 'host: ${{ values.domain }}\n',
        'stack/templates/app/skeleton/catalog-info.yaml': skeleton,
      },
      { values: { domain: 'shop.local', name: 'ignored' } },
    );
    expect(out.get('stack/app.yaml')!.toString()).toBe('namespace: web\n');
    expect(out.get('stack/web/config.yaml')).toBe(
      input.get('stack/web/config.yaml'),
    );
    expect(out.get('stack/templates/app/skeleton/catalog-info.yaml')).toBe(
      input.get('stack/templates/app/skeleton/catalog-info.yaml'),
    );
    expect(warnings).toEqual([]);
  });

  it('fills in the files matching valuesIn, and leaves unknown placeholders with a warning naming file, line and key', () => {
    const { out, warnings } = render(
      {
        'stack/app.yaml': 'a: 1\n',
        'stack/web/config.yaml':
          'a: 1\nhost: ${{ values.domain }}\nname: ${{ values.name }}\n',
        'stack/web/deep/values.yaml': 'x: ${{ values.domain }}\n',
        'stack/other/config.yaml': 'host: ${{ values.domain }}\n',
      },
      { values: { domain: 'shop.local' }, valuesIn: ['web/**/*.yaml'] },
    );
    expect(out.get('stack/web/config.yaml')!.toString()).toBe(
      'a: 1\nhost: shop.local\nname: ${{ values.name }}\n',
    );
    expect(out.get('stack/web/deep/values.yaml')!.toString()).toBe(
      'x: shop.local\n',
    );
    expect(out.get('stack/other/config.yaml')!.toString()).toBe(
      'host: ${{ values.domain }}\n',
    );
    expect(warnings).toEqual([
      'web/config.yaml line 3: ${{ values.name }} has no value in input "values"; left as it is',
    ]);
  });

  it('replaces host names baked into a stack in every text file, never in binary files', () => {
    const binary = Buffer.from([0x89, 0x50, 0x00, 0x63, 0x6e, 0x6f, 0x65]);
    const { out } = render(
      {
        'stack/app.yaml': 'url: https://cnoe.localtest.me:8443/argocd\n',
        'stack/web/ingress.yaml': 'host: cnoe.localtest.me\n',
        'stack/web/logo.png': binary,
      },
      {
        replace: {
          'cnoe.localtest.me:8443': 'idp.example.com',
          'cnoe.localtest.me': 'idp.example.com',
        },
      },
    );
    expect(out.get('stack/app.yaml')!.toString()).toBe(
      'url: https://idp.example.com/argocd\n',
    );
    expect(out.get('stack/web/ingress.yaml')!.toString()).toBe(
      'host: idp.example.com\n',
    );
    expect(out.get('stack/web/logo.png')).toBe(binary);
  });

  it('refuses valuesIn globs that leave the stack folder', () => {
    expect(() => render({}, { valuesIn: ['../x/*.yaml'] })).toThrow(
      /Input "valuesIn": "..\/x\/\*.yaml" must be a glob relative to the stack folder/,
    );
  });

  it('matches globs as documented', () => {
    expect(globToRegExp('**/values.yaml').test('values.yaml')).toBe(true);
    expect(globToRegExp('**/values.yaml').test('a/b/values.yaml')).toBe(true);
    expect(globToRegExp('web/*.yaml').test('web/a/b.yaml')).toBe(false);
    expect(globToRegExp('web/?.yaml').test('web/a.yaml')).toBe(true);
  });
});
