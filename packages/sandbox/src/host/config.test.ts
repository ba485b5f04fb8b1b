import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadSandboxConfig, parseSandboxConfig } from './config';

const known = ['forgejo', 'argocd'];

describe('sandbox config', () => {
  it('reads ports, faults, services and per stand-in sections', () => {
    const config = parseSandboxConfig(
      {
        ports: { admin: 7100, forgejo: 0 },
        services: ['forgejo'],
        faults: { 'argocd/beta': { hang: true } },
        forgejo: { seed: 'x' },
      },
      'sandbox.yaml',
      known,
    );
    expect(config.ports).toEqual({ admin: 7100, forgejo: 0 });
    expect(config.faults['argocd/beta']).toEqual({ hang: true });
    expect(config.services_config.forgejo).toEqual({ seed: 'x' });
  });

  it.each([
    [
      { ports: { forgejo: 'x' } },
      'sandbox.yaml: ports.forgejo: must be a port number',
    ],
    [{ ports: { forgejo: 70000 } }, 'ports.forgejo'],
    [{ services: ['gitlab'] }, 'services: unknown stand-in "gitlab"'],
    [
      { faults: { forgejo: { latency: 5 } } },
      'faults.forgejo: faults.forgejo.latency is not a fault setting',
    ],
    [
      { faults: { forgejo: { errorRate: 2 } } },
      'faults.forgejo.errorRate must be a number from 0 to 1',
    ],
    [{ gitea: {} }, 'sandbox.yaml: gitea: is neither a setting'],
  ])('names the file and key of a bad value: %j', (raw, message) => {
    expect(() => parseSandboxConfig(raw, 'sandbox.yaml', known)).toThrow(
      message,
    );
  });

  it('names the file and line of a YAML syntax error', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-config-'));
    const file = path.join(dir, 'bad.yaml');
    fs.writeFileSync(file, 'ports:\n  admin: 7100\n faults: [\n');
    expect(() => loadSandboxConfig(file, known)).toThrow(
      new RegExp(`${file}: line \\d+: `),
    );
    fs.rmSync(dir, { recursive: true });
  });
});
