import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InputError } from '@backstage/errors';
import { prepareRun } from './prepareRun';

describe('prepareRun', () => {
  const workspacePath = fs.mkdtempSync(path.join(os.tmpdir(), 'prepare-'));
  fs.mkdirSync(path.join(workspacePath, 'infra'));
  fs.writeFileSync(
    path.join(workspacePath, 'infra', 'prod.tfvars'),
    'name = "x"\n',
  );
  const prepare = (
    input: Record<string, unknown>,
    secrets?: Record<string, string>,
  ) =>
    prepareRun(
      { operation: 'plan', workingDirectory: 'infra', ...input } as any,
      {
        workspacePath,
        secrets,
      },
    );
  const failure = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      return e as Error;
    }
    throw new Error('expected an error');
  };

  it('turns variables into TF_VAR_* and complex values into JSON', () => {
    const run = prepare({
      variables: {
        name: 'demo',
        count: 3,
        on: true,
        tags: ['a', 'b'],
        obj: { k: 'v' },
        unset: null,
      },
    });
    expect(run.env).toMatchObject({
      TF_VAR_name: 'demo',
      TF_VAR_count: '3',
      TF_VAR_on: 'true',
      TF_VAR_tags: '["a","b"]',
      TF_VAR_obj: '{"k":"v"}',
      TF_IN_AUTOMATION: '1',
    });
    expect(run.env).not.toHaveProperty('TF_VAR_unset');
  });

  it('refuses a working directory that escapes the workspace, naming the field', () => {
    for (const dir of ['../outside', '/etc', 'infra/../../x']) {
      const error = failure(() => prepare({ workingDirectory: dir }));
      expect(error).toBeInstanceOf(InputError);
      expect(error.message).toContain('workingDirectory');
    }
  });

  it('refuses an unknown operation', () => {
    const error = failure(() => prepare({ operation: 'import' }));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(
      /operation must be one of plan, apply, destroy/,
    );
  });

  it('refuses a variable name that is not an identifier, naming it', () => {
    const error = failure(() =>
      prepare({ variables: { 'bad name; rm -rf': 'x' } }),
    );
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain('variables.bad name; rm -rf');
  });

  it('refuses environment names that would add CLI flags or change the executable', () => {
    for (const name of [
      'TF_CLI_ARGS',
      'TF_CLI_ARGS_apply',
      'TF_DATA_DIR',
      'PATH',
      'NODE_OPTIONS',
      'LD_PRELOAD',
    ]) {
      const error = failure(() => prepare({ env: { [name]: 'x' } }));
      expect(error).toBeInstanceOf(InputError);
      expect(error.message).toContain(`env.${name}`);
    }
    expect(
      prepare({ env: { TF_VAR_region: 'eu', AWS_REGION: 'eu' } }).env
        .AWS_REGION,
    ).toBe('eu');
  });

  it('maps secretEnv from task secrets and reports a missing secret', () => {
    const run = prepare(
      { secretEnv: { TF_VAR_api_token: 'token' } },
      { token: 's3cr3t-value' },
    );
    expect(run.env.TF_VAR_api_token).toBe('s3cr3t-value');
    expect(run.secretValues).toEqual(['s3cr3t-value']);
    const error = failure(() => prepare({ secretEnv: { X: 'missing' } }, {}));
    expect(error.message).toContain('secretEnv.X');
  });

  it('does not pass the backend process environment through', () => {
    process.env.BACKEND_SECRET_FOR_TEST = 'do-not-leak';
    try {
      expect(prepare({}).env).not.toHaveProperty('BACKEND_SECRET_FOR_TEST');
    } finally {
      delete process.env.BACKEND_SECRET_FOR_TEST;
    }
  });

  it('builds backend config, var files, lock timeout and parallelism flags', () => {
    const run = prepare({
      backendConfig: { path: 'state/demo.tfstate' },
      varFiles: ['infra/prod.tfvars'],
      lockTimeout: '30s',
      parallelism: 4,
      workspace: 'staging',
    });
    // Paths are resolved against the module folder, so init cannot be pointed elsewhere.
    expect(run.initArgs).toEqual([
      `-backend-config=path=${path.join(
        workspacePath,
        'infra',
        'state/demo.tfstate',
      )}`,
    ]);
    expect(run.planArgs).toEqual([
      `-var-file=${path.join(workspacePath, 'infra', 'prod.tfvars')}`,
      '-lock-timeout=30s',
      '-parallelism=4',
    ]);
    expect(run.env.TF_WORKSPACE).toBe('staging');
    expect(
      failure(() => prepare({ varFiles: ['../x.tfvars'] })).message,
    ).toContain('varFiles[0]');
    expect(
      failure(() => prepare({ lockTimeout: '30 seconds' })).message,
    ).toContain('lockTimeout');
    expect(failure(() => prepare({ parallelism: 0 })).message).toContain(
      'parallelism',
    );
    expect(failure(() => prepare({ workspace: '../x' })).message).toContain(
      'workspace',
    );
  });

  it('keeps backend config paths and path-like environment values inside the workspace', () => {
    for (const [input, field] of [
      [
        { backendConfig: { path: '/var/lib/backstage/x.tfstate' } },
        'backendConfig.path',
      ],
      [
        { backendConfig: { path: '../../outside.tfstate' } },
        'backendConfig.path',
      ],
      [
        { backendConfig: { workspace_dir: '/tmp' } },
        'backendConfig.workspace_dir',
      ],
      [
        { backendConfig: { config_path: '~/.kube/config' } },
        'backendConfig.config_path',
      ],
      [
        {
          // repo-boundary: data
          backendConfig: { shared_credentials_file: '/root/.aws/credentials' },
        },
        'backendConfig.shared_credentials_file',
      ],
      // repo-boundary: data
      [{ env: { KUBECONFIG: '/root/.kube/config' } }, 'env.KUBECONFIG'],
      [
        { env: { GOOGLE_APPLICATION_CREDENTIALS: '~/key.json' } },
        'env.GOOGLE_APPLICATION_CREDENTIALS',
      ],
    ] as const) {
      const error = failure(() => prepare(input));
      expect(error).toBeInstanceOf(InputError);
      expect(error.message).toContain(`${field} "`);
      expect(error.message).toContain('outside the task workspace');
    }
    expect(
      failure(() => prepare({ backendConfig: { in_cluster_config: true } }))
        .message,
    ).toContain('backendConfig.in_cluster_config is not allowed');
    expect(
      failure(() => prepare({ env: { KUBE_IN_CLUSTER_CONFIG: 'true' } }))
        .message,
    ).toContain('env.KUBE_IN_CLUSTER_CONFIG is not allowed');
    // Values that are not paths and paths inside the workspace pass.
    const run = prepare({
      backendConfig: { bucket: '/not-a-path-key', key: 'a/b.tfstate' },
      env: { KUBECONFIG: path.join(workspacePath, 'infra', 'kubeconfig') },
    });
    expect(run.initArgs).toEqual([
      '-backend-config=bucket=/not-a-path-key',
      '-backend-config=key=a/b.tfstate',
    ]);
    expect(run.env.KUBECONFIG).toBe(
      path.join(workspacePath, 'infra', 'kubeconfig'),
    );
  });

  it('refuses a variable too large for the process environment with a 400 naming it', () => {
    const error = failure(() =>
      prepare({ variables: { blob: 'x'.repeat(1024 * 1024) } }),
    );
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(
      /^variables\.blob is 1024 KiB; a variable may be at most 100 KiB\. .*varFiles/,
    );
    const many = Object.fromEntries(
      Array.from({ length: 12 }, (_, i) => [`v${i}`, 'y'.repeat(90 * 1024)]),
    );
    expect(failure(() => prepare({ variables: many })).message).toMatch(
      /^variables add up to 1080 KiB/,
    );
  });
});
