import type { Sandbox } from '../host/sandbox';
import { startTestSandbox } from '../testing';
import builtinKinds from './builtin/kinds.json';
import { hasKubectl, kubectlFor } from './__testUtils__/kubectl';

// kubectl create token, kubectl logs and kubectl explain over Swagger 2.0 (protobuf), as a user
// of a real cluster runs them.
(hasKubectl ? describe : describe.skip)(
  'kubernetes stand-in: tokens, logs and explain through kubectl',
  () => {
    jest.setTimeout(60_000);
    let sandbox: Sandbox;
    let k: ReturnType<typeof kubectlFor>;

    beforeAll(async () => {
      sandbox = await startTestSandbox(['kubernetes'], {
        services_config: { kubernetes: { workloadDelayMs: 0 } },
      } as any);
      k = kubectlFor(sandbox);
    });
    afterAll(async () => {
      await sandbox?.stop();
      k?.cleanup();
    });

    it('issues service account tokens (TokenRequest) the stand-in then accepts', async () => {
      expect((await k.kubectl('create', 'serviceaccount', 'bot')).code).toBe(0);
      const issued = await k.kubectl('create', 'token', 'bot');
      expect(issued.stderr).toBe('');
      const token = issued.stdout.trim();
      const claims = JSON.parse(
        Buffer.from(token.split('.')[1], 'base64url').toString(),
      );
      expect(claims).toMatchObject({
        sub: 'system:serviceaccount:default:bot',
        'kubernetes.io': {
          namespace: 'default',
          serviceaccount: { name: 'bot' },
        },
      });
      expect(claims.exp - claims.iat).toBe(3600);
      const whoami = await k.kubectl(
        '--token',
        token,
        'auth',
        'whoami',
        '-o',
        'jsonpath={.status.userInfo.username}',
      );
      expect(whoami.stdout).toBe('system:serviceaccount:default:bot');
      const write = await k.kubectl('--token', token, 'delete', 'sa', 'bot');
      expect(write.stderr).toContain(
        'User "system:serviceaccount:default:bot" cannot delete resource "serviceaccounts"',
      );
      const short = await k.kubectl('create', 'token', 'bot', '--duration=5m');
      expect(short.stderr).toContain(
        'spec.expirationSeconds: Invalid value: 300: may not specify a duration less than 10 minutes',
      );
      const missing = await k.kubectl('create', 'token', 'nobody');
      expect(missing.stderr).toContain('serviceaccounts "nobody" not found');
    });

    it('answers kubectl logs for the Pods of a workload, and its errors', async () => {
      await k.kubectl(
        'create',
        'deployment',
        'web',
        '--image=nginx:1.27',
        '--port=80',
      );
      const rolled = await k.kubectl(
        'rollout',
        'status',
        'deployment/web',
        '--timeout=30s',
      );
      expect(rolled.code).toBe(0);
      const logs = await k.kubectl('logs', 'deployment/web');
      expect(logs.stdout).toContain('started from image nginx:1.27');
      const tail = await k.kubectl(
        'logs',
        'deployment/web',
        '--timestamps',
        '--tail=1',
      );
      expect(tail.stdout.trim().split('\n')).toHaveLength(1);
      expect(tail.stdout).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z /);
      const pod = (
        await k.kubectl('get', 'pods', '-l', 'app=web', '-o', 'name')
      ).stdout.trim();
      const wrong = await k.kubectl('logs', pod, '-c', 'sidecar');
      expect(wrong.stderr).toContain(
        `container sidecar is not valid for pod ${pod.replace('pod/', '')}`,
      );
      expect(
        (await k.kubectl('auth', 'can-i', 'get', 'pods/log')).stdout.trim(),
      ).toBe('yes');
    });

    it('describes every listable kind and answers can-i for it', async () => {
      const problems: string[] = [];
      for (const kind of builtinKinds.filter(x => x.verbs.includes('list'))) {
        const name = kind.group ? `${kind.plural}.${kind.group}` : kind.plural;
        const described = await k.kubectl('describe', name, '-A');
        if (described.code !== 0)
          problems.push(`describe ${name}: ${described.stderr}`);
        const canI = await k.kubectl('auth', 'can-i', 'delete', name);
        if (canI.stdout.trim() !== 'yes')
          problems.push(`can-i ${name}: ${canI.stdout}${canI.stderr}`);
      }
      expect(problems).toEqual([]);
    }, 120_000);

    it('explains fields from /openapi/v2 (protobuf) as from /openapi/v3', async () => {
      for (const extra of [[], ['--output', 'plaintext-openapiv2']]) {
        const explained = await k.kubectl(
          'explain',
          'deployment.spec.replicas',
          ...extra,
        );
        expect({ extra, stderr: explained.stderr }).toEqual({
          extra,
          stderr: '',
        });
        expect(explained.stdout).toMatch(/FIELD:\s+replicas <integer>/);
        expect(explained.stdout).toContain('Number of desired pods');
      }
      const role = await k.kubectl(
        'explain',
        'role.rules',
        '--output',
        'plaintext-openapiv2',
      );
      // kubectl names an object-valued field RESOURCE in this format.
      expect(role.stdout).toMatch(/RESOURCE:\s+rules <\[\]Object>/);
    });
  },
);
