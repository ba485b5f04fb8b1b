/* eslint-disable no-console */
/**
 * The stand-in side of the benchmark: 5 ArgoCD stand-in instances with a fixed latency, two of them
 * holding one application each that matches the bench selector (5 + 4 = 9 history entries).
 * Runs in a child process (see startSandboxProcess).
 */
import { spawn } from 'node:child_process';
import { startTestSandbox } from '@edp/sandbox';

export const INSTANCES = ['one', 'two', 'three', 'four', 'five'];
export const PART_OF = 'bench';

/** Commits of the Forgejo stand-in's payments-api repository that the stand-in has metadata for. */
const REVISIONS = [
  '8eeff34480b10c9a3a1125349653d09e6abd69fb',
  'aabeaef32ec4e481ea82e8eb8aabc4b2d74ef8fb',
  '67bb12444153d0263b7a0c168b6b8a4c4a1ab6c2',
  'ff0fb9b8b2cf55d720cf3c048f5a9a22d5559d7d',
  'b02d4886546c31d2da39ba2c81a5eba044692976',
  '770848d6a583bb80d0092a10fc7ee8d5e3cada0b',
  '046998fcc26b570ab5bf8bb1780ad9a5e902c305',
];
const REPO = 'http://127.0.0.1:7101/platform/payments-api.git';

/** An application matching the bench selector, with `deployments` history entries. */
function benchApp(name: string, deployments: number, drifted = false) {
  const history = REVISIONS.slice(-deployments).map((revision, id) => ({
    id,
    revision,
    deployedAt: new Date(Date.UTC(2026, 10, 10 + id, 12)).toISOString(),
  }));
  return {
    metadata: {
      name,
      namespace: 'argocd',
      labels: { 'app.kubernetes.io/part-of': PART_OF },
    },
    spec: {
      project: 'default',
      source: { repoURL: REPO, path: `deploy/${name}`, targetRevision: 'main' },
      destination: {
        server: 'https://kubernetes.default.svc',
        namespace: name,
      },
    },
    status: {
      // A Service and a Deployment, both drifted on the drifted app: the resources view's tree,
      // events and diffs have something to show.
      resources: ['Service', 'Deployment'].map(kind => ({
        ...(kind === 'Deployment' ? { group: 'apps' } : {}),
        version: 'v1',
        kind,
        namespace: name,
        name,
        status: drifted ? 'OutOfSync' : 'Synced',
        health: { status: 'Healthy' },
      })),
      sync: {
        status: drifted ? 'OutOfSync' : 'Synced',
        revision: history[history.length - 1].revision,
      },
      health: { status: 'Healthy' },
      history,
      operationState: {
        phase: 'Succeeded',
        startedAt: history[history.length - 1].deployedAt,
        finishedAt: history[history.length - 1].deployedAt,
      },
    },
  };
}

/** 2 matching applications with 5 + 4 = 9 history entries, on instances two and four. */
function benchApplications() {
  return {
    two: [benchApp('bench-dev', 5, true)],
    four: [benchApp('bench-prod', 4)],
  };
}

/** Child process: runs the stand-in instances and prints where they listen. */
async function runSandbox(latencyMs: number) {
  const apps = benchApplications();
  const sandbox = await startTestSandbox(['argocd'], {
    services_config: {
      argocd: {
        instances: Object.fromEntries(
          INSTANCES.map(name => [
            name,
            {
              seed: [],
              tokens: [`${name}-token`],
              users: [{ username: 'admin', password: `${name}-pw` }],
              applications: (apps as any)[name] ?? [],
            },
          ]),
        ),
      },
    },
    faults: Object.fromEntries(
      INSTANCES.map(name => [`argocd/${name}`, { latencyMs }]),
    ),
  } as any);
  process.stdout.write(
    `${JSON.stringify({
      adminUrl: sandbox.adminUrl,
      urls: sandbox.endpoints.argocd,
    })}\n`,
  );
  process.on('SIGTERM', () => sandbox.stop().then(() => process.exit(0)));
}

/**
 * The stand-in runs in its own process, as ArgoCD would on its own server: the backend's numbers
 * then do not include the stand-in's CPU time on the same event loop.
 */
export async function startSandboxProcess(latencyMs: number) {
  const child = spawn(
    process.execPath,
    [...process.execArgv, __filename, String(latencyMs)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const line = await new Promise<string>((resolve, reject) => {
    let buffer = '';
    child.stdout.on('data', chunk => {
      buffer += chunk;
      if (buffer.includes('\n')) resolve(buffer.split('\n')[0]);
    });
    child.on('exit', code =>
      reject(new Error(`the sandbox process exited (${code})`)),
    );
  });
  const info = JSON.parse(line) as {
    adminUrl: string;
    urls: Record<string, string>;
  };
  return {
    urls: info.urls,
    setFault: async (key: string, settings: object) => {
      const res = await fetch(
        `${info.adminUrl}/faults/${encodeURIComponent(key)}`,
        {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(settings),
        },
      );
      if (!res.ok)
        throw new Error(`setting fault ${key} failed: ${res.status}`);
    },
    stop: () => {
      child.kill('SIGTERM');
    },
  };
}

if (require.main === module) {
  runSandbox(Number(process.argv[2] ?? 50)).catch(error => {
    console.error(error);
    process.exit(1);
  });
}
