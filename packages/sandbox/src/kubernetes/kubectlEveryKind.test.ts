import fs from 'node:fs';
import path from 'node:path';
import type { Sandbox } from '../host/sandbox';
import { startTestSandbox } from '../testing';
import builtinKinds from './builtin/kinds.json';
import { hasKubectl, kubectlFor } from './__testUtils__/kubectl';
import {
  CREATE_ONLY_SAMPLES,
  CRUD_SAMPLES,
  READ_ONLY_KINDS,
  SAMPLE_NAMESPACE,
  sampleOf,
  type KindSample,
} from './__testUtils__/kindSamples';

const keyOf = (k: { group: string; version: string; kind: string }) =>
  `${k.group ? `${k.group}/` : ''}${k.version}/${k.kind}`;
const kindByKey = new Map(builtinKinds.map(k => [keyOf(k), k]));

const samplesOf = (table: Record<string, string>): KindSample[] =>
  Object.entries(table).map(([key, body]) =>
    sampleOf(key, body, kindByKey.get(key)?.namespaced ?? false),
  );
const CRUD = samplesOf(CRUD_SAMPLES);
/** Kinds kubectl 1.32's describers read in their v1beta1 version (newer kubectl: v1). */
const DESCRIBED_AS_BETA = [
  'networking.k8s.io/v1/IPAddress',
  'networking.k8s.io/v1/ServiceCIDR',
  'storage.k8s.io/v1/VolumeAttributesClass',
];
const DESCRIBABLE = CRUD.filter(s => !DESCRIBED_AS_BETA.includes(s.key));
const CREATE_ONLY = samplesOf(CREATE_ONLY_SAMPLES);

/** How kubectl names an object in its messages: `deployment.apps/sample`. */
const kubectlName = (s: KindSample) => {
  const group = kindByKey.get(s.key)!.group;
  return `${s.kind.toLowerCase()}${group ? `.${group}` : ''}/${s.name}`;
};
const resourceOf = (s: KindSample) => {
  const k = kindByKey.get(s.key)!;
  return k.group ? `${k.plural}.${k.group}` : k.plural;
};
const fileOf = (s: KindSample, i: number) =>
  `${String(i).padStart(2, '0')}-${s.kind.toLowerCase()}-${s.apiVersion.replace(
    /\W/g,
    '-',
  )}.yaml`;
/**
 * Values of the wrong JSON type, and what the API server's decoder says about each (kubectl decodes
 * only metadata itself, so these reach the server).
 */
const WRONG_TYPES = [
  {
    key: 'v1/ConfigMap',
    body: 'data: hello',
    error:
      'string into Go struct field ConfigMap.data of type map[string]string',
  },
  {
    key: 'v1/Secret',
    body: 'immutable: "yes"',
    error: 'string into Go struct field Secret.immutable of type bool',
  },
  {
    key: 'v1/Service',
    body: 'spec: {ports: [{port: "80"}]}',
    error:
      'string into Go struct field ServicePort.spec.ports.port of type int32',
  },
  {
    key: 'v1/Pod',
    body: 'spec: {containers: app}',
    error:
      'string into Go struct field PodSpec.spec.containers of type []v1.Container',
  },
  {
    key: 'batch/v1/Job',
    body: 'spec: {backoffLimit: six}',
    error:
      'string into Go struct field JobSpec.spec.backoffLimit of type int32',
  },
  {
    key: 'batch/v1/CronJob',
    body: 'spec: {suspend: "no"}',
    error: 'string into Go struct field CronJobSpec.spec.suspend of type bool',
  },
  {
    key: 'rbac.authorization.k8s.io/v1/Role',
    body: 'rules: {verbs: [get]}',
    error: 'object into Go struct field Role.rules of type []v1.PolicyRule',
  },
  {
    key: 'networking.k8s.io/v1/Ingress',
    body: 'spec: {rules: web}',
    error:
      'string into Go struct field IngressSpec.spec.rules of type []v1.IngressRule',
  },
  {
    key: 'scheduling.k8s.io/v1/PriorityClass',
    body: 'value: high',
    error: 'string into Go struct field PriorityClass.value of type int32',
  },
];

const lines = (text: string) => text.trim().split('\n').filter(Boolean).sort();

(hasKubectl ? describe : describe.skip)(
  'kubectl against every built-in kind of the stand-in',
  () => {
    jest.setTimeout(120_000);
    let sandbox: Sandbox;
    let k: ReturnType<typeof kubectlFor>;
    const write = (
      folder: string,
      samples: KindSample[],
      edit = (m: string) => m,
    ) => {
      fs.mkdirSync(path.join(k.dir, folder));
      samples.forEach((s, i) =>
        k.write(path.join(folder, fileOf(s, i)), edit(s.manifest)),
      );
    };

    beforeAll(async () => {
      sandbox = await startTestSandbox(['kubernetes'], {
        services_config: { kubernetes: { workloadDelayMs: 200 } },
      } as any);
      k = kubectlFor(sandbox);
      const ns = await k.kubectl('create', 'namespace', SAMPLE_NAMESPACE);
      if (ns.code !== 0) throw new Error(`create namespace: ${ns.stderr}`);
      write('crud', CRUD);
      write('describable', DESCRIBABLE);
      write('unknown-field', CRUD, m => `${m}bogus: 1\n`);
      write(
        'wrong-type',
        WRONG_TYPES.map(w =>
          sampleOf(w.key, w.body, kindByKey.get(w.key)!.namespaced),
        ),
      );
    });
    afterAll(async () => {
      await sandbox?.stop();
      k?.cleanup();
    });

    it('has a sample for every kind the stand-in serves', () => {
      const covered = [
        ...Object.keys(CRUD_SAMPLES),
        ...Object.keys(CREATE_ONLY_SAMPLES),
        ...READ_ONLY_KINDS,
      ].sort();
      expect(covered).toEqual(builtinKinds.map(keyOf).sort());
      expect(new Set(builtinKinds.map(x => `${x.group}/${x.kind}`)).size).toBe(
        65,
      );
    });

    it('applies one object of every kind, and gets, describes and diffs each', async () => {
      const applied = await k.kubectl('apply', '-f', 'crud');
      expect(applied.stderr).toBe('');
      expect(lines(applied.stdout)).toEqual(
        lines(
          // autoscaling/v1 and v2 print the same kind.
          CRUD.map(s => `${kubectlName(s)} created`).join('\n'),
        ),
      );

      const resources = [...new Set(CRUD.map(resourceOf))].join(',');
      const got = await k.kubectl(
        'get',
        resources,
        '-n',
        SAMPLE_NAMESPACE,
        '-o',
        'name',
      );
      expect(got.stderr).toBe('');
      const names = got.stdout.split('\n');
      for (const s of CRUD)
        expect({ key: s.key, found: names.includes(kubectlName(s)) }).toEqual({
          key: s.key,
          found: true,
        });
      const table = await k.kubectl('get', resources, '-n', SAMPLE_NAMESPACE);
      expect(table.stderr).toBe('');
      expect(table.stdout).toMatch(/^NAME\s/m);

      const byFile = await k.kubectl('get', '-f', 'crud', '-o', 'json');
      expect(byFile.stderr).toBe('');
      const items = JSON.parse(byFile.stdout).items as any[];
      expect(
        items.map(o => `${o.apiVersion}/${o.kind}/${o.metadata.name}`),
      ).toEqual(CRUD.map(s => `${s.key}/${s.name}`));

      const described = await k.kubectl('describe', '-f', 'describable');
      expect(described.stderr).toBe('');
      for (const s of DESCRIBABLE)
        expect({
          key: s.key,
          described: new RegExp(
            `^Name:\\s+${s.name.replace(/\./g, '\\.')}$`,
            'm',
          ).test(described.stdout),
        }).toEqual({ key: s.key, described: true });
      expect(described.stdout.split(/^Name:/m)).toHaveLength(
        DESCRIBABLE.length + 1,
      );
      // kubectl 1.32 describes these three through v1beta1, which a 1.34 API server does not serve
      // by default: the same 404 as from a real cluster.
      for (const s of CRUD.filter(x => DESCRIBED_AS_BETA.includes(x.key))) {
        const beta = await k.kubectl('describe', resourceOf(s), s.name);
        expect({ key: s.key, stderr: beta.stderr }).toEqual({
          key: s.key,
          stderr:
            'Error from server (NotFound): the server could not find the requested resource\n',
        });
      }

      // The manifests leave every default out: a diff shows nothing, client- or server-side.
      const diff = await k.kubectl('diff', '-f', 'crud');
      expect({
        stdout: diff.stdout,
        stderr: diff.stderr,
        code: diff.code,
      }).toEqual({
        stdout: '',
        stderr: '',
        code: 0,
      });
      const serverDiff = await k.kubectl('diff', '--server-side', '-f', 'crud');
      expect({
        stdout: serverDiff.stdout,
        stderr: serverDiff.stderr,
        code: serverDiff.code,
      }).toEqual({
        stdout: '',
        stderr: '',
        code: 0,
      });
      const ssa = await k.kubectl('apply', '--server-side', '-f', 'crud');
      expect(ssa.stderr).toBe('');
      expect(lines(ssa.stdout)).toEqual(
        lines(CRUD.map(s => `${kubectlName(s)} serverside-applied`).join('\n')),
      );
    });

    it('explains every kind from the OpenAPI documents', async () => {
      const explained = await Promise.all(
        builtinKinds.map(async kind => {
          // `explain <plural>.<field>`: the group goes in --api-version, not after a dot.
          const resource = kind.plural;
          const apiVersion = kind.group
            ? `${kind.group}/${kind.version}`
            : kind.version;
          const out = await k.kubectl(
            'explain',
            resource,
            `--api-version=${apiVersion}`,
          );
          return {
            kind: `${apiVersion}/${kind.kind}`,
            stderr: out.stderr,
            header:
              new RegExp(`^KIND:\\s+${kind.kind}$`, 'm').test(out.stdout) &&
              new RegExp(`^VERSION:\\s+${kind.version}$`, 'm').test(out.stdout),
            described: /^DESCRIPTION:\n\s+\S/m.test(out.stdout),
          };
        }),
      );
      for (const e of explained)
        expect(e).toEqual({
          kind: e.kind,
          stderr: '',
          header: true,
          described: true,
        });
    });

    it('answers auth can-i for every kind, from RBAC', async () => {
      const answers = await Promise.all(
        builtinKinds.map(async kind => {
          const resource = kind.group
            ? `${kind.plural}.${kind.group}`
            : kind.plural;
          const verb = kind.verbs[0];
          // A service account nobody bound: kubectl resolves the resource and RBAC answers.
          const out = await k.kubectl(
            'auth',
            'can-i',
            verb,
            resource,
            '--as=system:serviceaccount:samples:nobody',
            // Cluster-scoped: asked without the context's namespace (kubectl warns otherwise).
            ...(kind.namespaced ? [] : ['--all-namespaces']),
          );
          return { resource, stderr: out.stderr, answer: out.stdout.trim() };
        }),
      );
      const basic = [
        'selfsubjectaccessreviews.authorization.k8s.io',
        'selfsubjectrulesreviews.authorization.k8s.io',
        'selfsubjectreviews.authentication.k8s.io',
      ];
      for (const a of answers)
        expect(a).toEqual({
          resource: a.resource,
          stderr: '',
          // Only the self reviews are granted to every authenticated user (system:basic-user).
          answer: basic.includes(a.resource) ? 'yes' : 'no',
        });
    });

    it('refuses to create what exists, with the API server text', async () => {
      const again = await k.kubectl('create', '-f', 'crud');
      expect(again.stdout).toBe('');
      expect(lines(again.stderr)).toEqual(
        lines(
          CRUD.map(
            (s, i) =>
              `Error from server (AlreadyExists): error when creating "crud/${fileOf(
                s,
                i,
              )}": ${resourceOf(s)} "${s.name}" already exists`,
          ).join('\n'),
        ),
      );
    });

    it('scales every kind with a scale subresource and waits for rollouts', async () => {
      const scalable = CRUD.filter(
        s =>
          kindByKey.get(s.key)!.subresources &&
          'scale' in kindByKey.get(s.key)!.subresources,
      );
      expect(scalable.map(s => s.kind).sort()).toEqual([
        'Deployment',
        'ReplicaSet',
        'ReplicationController',
        'StatefulSet',
      ]);
      for (const s of scalable) {
        const scaled = await k.kubectl(
          'scale',
          resourceOf(s),
          s.name,
          '-n',
          SAMPLE_NAMESPACE,
          '--replicas=3',
        );
        expect({
          key: s.key,
          out: scaled.stdout.trim(),
          err: scaled.stderr,
        }).toEqual({
          key: s.key,
          out: `${kubectlName(s)} scaled`,
          err: '',
        });
        const replicas = await k.kubectl(
          'get',
          resourceOf(s),
          s.name,
          '-n',
          SAMPLE_NAMESPACE,
          '-o',
          'jsonpath={.spec.replicas}',
        );
        expect({ key: s.key, replicas: replicas.stdout }).toEqual({
          key: s.key,
          replicas: '3',
        });
      }
      for (const [resource, done] of [
        ['deployment', 'deployment "sample" successfully rolled out'],
        ['daemonset', 'daemon set "sample" successfully rolled out'],
        [
          'statefulset',
          'partitioned roll out complete: 3 new pods have been updated...',
        ],
      ]) {
        const status = await k.kubectl(
          'rollout',
          'status',
          `${resource}/sample`,
          '-n',
          SAMPLE_NAMESPACE,
          '--timeout=30s',
        );
        expect({
          resource,
          stderr: status.stderr,
          last: status.stdout.trim().split('\n').pop(),
        }).toEqual({
          resource,
          stderr: '',
          last: done,
        });
      }
    });

    it('prints the columns the API server gives the common kinds', async () => {
      const get = async (...args: string[]) =>
        (await k.kubectl('get', ...args, '-n', SAMPLE_NAMESPACE)).stdout;
      const deployment = await get('deployment', 'sample');
      expect(deployment).toMatch(
        /^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\nsample\s+3\/3\s+3\s+3\s+\d+s\n$/,
      );
      expect(await get('deployment', 'sample', '-o', 'wide')).toMatch(
        /^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\s+CONTAINERS\s+IMAGES\s+SELECTOR\n.*\s+app\s+busybox:1\.36\s+app=deploy\n$/,
      );
      expect(await get('service', 'sample')).toMatch(
        /^NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE\nsample\s+ClusterIP\s+10\.\d+\.\d+\.\d+\s+<none>\s+80\/TCP\s+\d+s\n$/,
      );
      expect(await get('pods', '-l', 'app=deploy')).toMatch(
        /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\n(sample-\S+\s+1\/1\s+Running\s+0\s+\d+s\n){3}$/,
      );
      expect(await get('configmap,secret', 'sample')).toMatch(
        /^NAME\s+DATA\s+AGE\nconfigmap\/sample\s+1\s+\d+s\n\nNAME\s+TYPE\s+DATA\s+AGE\nsecret\/sample\s+Opaque\s+1\s+\d+s\n$/,
      );
    });

    it('creates the create-only kinds and reads the read-only one', async () => {
      for (const [i, s] of CREATE_ONLY.entries()) {
        k.write(fileOf(s, i), s.manifest);
        const created = await k.kubectl(
          'create',
          '-f',
          fileOf(s, i),
          '-o',
          'json',
        );
        expect({ key: s.key, stderr: created.stderr }).toEqual({
          key: s.key,
          stderr: '',
        });
        // A Binding answers with a Success Status, the reviews with themselves evaluated.
        const body = JSON.parse(created.stdout);
        expect({ key: s.key, kind: body.kind, done: !!body.status }).toEqual({
          key: s.key,
          kind: s.kind === 'Binding' ? 'Status' : s.kind,
          done: true,
        });
      }
      const bound = await k.kubectl(
        'get',
        'pod',
        'sample',
        '-n',
        SAMPLE_NAMESPACE,
        '-o',
        'jsonpath={.spec.nodeName}',
      );
      expect(bound.stdout).toBe('sample');
      const cs = await k.kubectl('get', 'componentstatuses');
      expect(cs.stderr).toMatch(
        /^(Warning: v1 ComponentStatus is deprecated in v1\.19\+\n)?$/,
      );
      // The API server's columns for componentstatuses: no AGE.
      expect(cs.stdout).toMatch(/^NAME\s+STATUS\s+MESSAGE\s+ERROR$/m);
      expect(cs.stdout).toMatch(/^etcd-0\s+Healthy\s+ok\s*$/m);
      const health = await k.kubectl(
        'get',
        'componentstatuses',
        '-o',
        'jsonpath={range .items[*]}{.metadata.name}={.conditions[0].type}:{.conditions[0].status} {end}',
      );
      expect(health.stdout.trim().split(' ').sort()).toEqual([
        'controller-manager=Healthy:True',
        'etcd-0=Healthy:True',
        'scheduler=Healthy:True',
      ]);
    });

    it('refuses invalid objects of every kind with the API server texts', async () => {
      const unknown = await k.kubectl('create', '-f', 'unknown-field');
      expect(lines(unknown.stderr)).toEqual(
        lines(
          CRUD.map((s, i) => {
            const v = s.apiVersion.split('/').pop();
            return `Error from server (BadRequest): error when creating "unknown-field/${fileOf(
              s,
              i,
            )}": ${s.kind} in version "${v}" cannot be handled as a ${
              s.kind
            }: strict decoding error: unknown field "bogus"`;
          }).join('\n'),
        ),
      );
      const wrongType = await k.kubectl('create', '-f', 'wrong-type');
      expect(lines(wrongType.stderr)).toEqual(
        lines(
          WRONG_TYPES.map((w, i) => {
            const s = sampleOf(w.key, w.body, false);
            const v = s.apiVersion.split('/').pop();
            return `Error from server (BadRequest): error when creating "wrong-type/${fileOf(
              s,
              i,
            )}": ${s.kind} in version "${v}" cannot be handled as a ${
              s.kind
            }: json: cannot unmarshal ${w.error}`;
          }).join('\n'),
        ),
      );
    });

    it('deletes every object, and creates it again from the same file', async () => {
      // --wait=false: kubectl's wait polls each object 200 ms apart (12 s here); whether they are
      // gone is checked right after.
      const deleted = await k.kubectl('delete', '--wait=false', '-f', 'crud');
      expect(deleted.stderr).toBe('');
      expect(lines(deleted.stdout)).toEqual(
        lines(
          CRUD.map(s => `${kubectlName(s).replace('/', ' "')}" deleted`).join(
            '\n',
          ),
        ),
      );
      const gone = await k.kubectl('get', '-f', 'crud', '-o', 'name');
      expect(gone.stdout).toBe('');
      expect(gone.stderr.trim().split('\n')).toHaveLength(CRUD.length);
      expect(gone.stderr).toMatch(
        /^Error from server \(NotFound\): configmaps "sample" not found$/m,
      );
      const created = await k.kubectl('create', '-f', 'crud');
      expect(created.stderr).toBe('');
      expect(lines(created.stdout)).toEqual(
        lines(CRUD.map(s => `${kubectlName(s)} created`).join('\n')),
      );
    });
  },
);
