import { parseCliArgs } from './cli';

describe('sandbox CLI arguments', () => {
  it('reads the config file, port overrides and the stand-ins to start', () => {
    const args = parseCliArgs(
      [
        'start',
        '--config',
        'my.yaml',
        '--port',
        'forgejo=7201',
        '--only',
        'forgejo,argocd',
      ],
      '/d.yaml',
    );
    expect(args.configFile).toMatch(/my\.yaml$/);
    expect(args.ports).toEqual({ forgejo: 7201 });
    expect(args.only).toEqual(['forgejo', 'argocd']);
  });

  it('uses the default config when none is given', () => {
    expect(parseCliArgs(['start'], '/d.yaml').configFile).toBe('/d.yaml');
  });

  it.each([
    [[], 'Usage: sandbox start'],
    [['stop'], 'unknown command "stop"'],
    [['start', '--port', 'forgejo'], '--port takes NAME=PORT'],
    [
      ['start', '--port', 'forgejo=99999'],
      '--port takes NAME=PORT (0-65535), got "forgejo=99999"',
    ],
    [['start', '--config'], '--config needs a value'],
    [['start', '--verbose', 'x'], 'unknown option "--verbose"'],
  ])('explains what is wrong with %j', (argv, message) => {
    expect(() => parseCliArgs(argv as string[], '/d.yaml')).toThrow(message);
  });
});
