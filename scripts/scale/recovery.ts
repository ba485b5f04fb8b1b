/*
 * Replica-kill recovery of a scaffolder task, for `yarn bench:scale`: provision-stack runs on
 * replica 1, which is SIGKILLed in the middle of the provisioning step; replica 2 reopens the task
 * (scaffolder.taskRecovery in app-config.scale.yaml) and finishes it. Prints how long that took and
 * checks that nothing was created twice.
 */
import type { Sandbox } from '@edp/sandbox';
import type { Cluster } from './cluster';

const STACK = 'starter';
const NAME = 'bench-recovery';
const OWNER = 'platform';

type TaskEvent = {
  id: number;
  type: string;
  createdAt: string;
  body: { message?: string; stepId?: string; status?: string; error?: unknown };
};

// eslint-disable-next-line no-control-regex
const stripColours = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '');

async function api(base: string, token: string, path: string, body?: unknown) {
  const res = await fetch(`${base}/api/scaffolder/v2${path}`, {
    method: body ? 'POST' : 'GET',
    headers: {
      authorization: `Bearer ${token}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** Waits (bounded) until `check` returns something. */
async function until<T>(
  what: string,
  timeoutMs: number,
  check: () => Promise<T | undefined>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise(r => setTimeout(r, 200));
  }
  throw new Error(`${what} within ${timeoutMs / 1000} s`);
}

/** Stops or continues every process of a replica (a stopped replica claims no task). */
function signalReplica(
  cluster: Cluster,
  index: number,
  signal: NodeJS.Signals,
) {
  process.kill(-cluster.replicas[index].server!.child.pid!, signal);
}

function repoCreations(sandbox: Sandbox): number {
  const byRoute = (
    sandbox.standIns.get('forgejo')!.state as any
  ).counter.snapshot().byRoute as Record<string, number>;
  return Object.entries(byRoute)
    .filter(([route]) =>
      /^POST \/api\/v1\/(orgs\/[^/]+|user|admin\/users\/[^/]+)\/repos$/.test(
        route,
      ),
    )
    .reduce((sum, [, n]) => sum + n, 0);
}

function stackApplications(sandbox: Sandbox): string[] {
  const kube = (sandbox.standIns.get('kubernetes')!.state as any).cluster;
  const type = kube.type('argoproj.io/v1alpha1', 'Application');
  return kube
    .list(type, undefined, { labelSelector: `edp.io/stack=${NAME}` })
    .items.map((a: any) => `${a.metadata.namespace}/${a.metadata.name}`);
}

function forgejoRepos(sandbox: Sandbox): string[] {
  const store = (sandbox.standIns.get('forgejo')!.state as any).store;
  return [...store.repos.values()]
    .map((r: { owner: string; name: string }) => `${r.owner}/${r.name}`)
    .filter((n: string) => n.startsWith(`${OWNER}/${NAME}-`))
    .sort();
}

export interface RecoveryResult {
  /** When replica 1 was killed (epoch ms). */
  killedAt: number;
  /** SIGKILL of the running replica until the other one reopened the task. */
  recoveredAfterMs: number;
  /** SIGKILL until the task completed. */
  completedAfterMs: number;
  status: string;
  /** The task's error messages, when it did not complete. */
  errors: string[];
  killedDuring: string;
  repositoryCreations: number;
  repositories: string[];
  applications: string[];
}

/**
 * Runs provision-stack on replica 1 (replica 2 paused until replica 1 has claimed the task),
 * kills replica 1 once the provisioning step has created a repository, and follows the task on
 * replica 2 until it ends.
 */
export async function measureTaskRecovery(
  cluster: Cluster,
  sandbox: Sandbox,
  token: string,
): Promise<RecoveryResult> {
  const [first, second] = cluster.replicas.map(
    r => `http://127.0.0.1:${r.port}`,
  );
  const creationsBefore = repoCreations(sandbox);
  signalReplica(cluster, 1, 'SIGSTOP');
  let id: string;
  try {
    ({ id } = await api(first, token, '/tasks', {
      templateRef: 'template:default/provision-stack',
      // The form fills in the defaults; the API does not.
      values: {
        stack: STACK,
        name: NAME,
        owner: 'group:default/platform-engineers',
        domain: 'cnoe.localtest.me',
      },
    }));
    await until('replica 1 did not claim the task', 30_000, async () =>
      (await api(first, token, `/tasks/${id}`)).status === 'processing'
        ? true
        : undefined,
    );
  } finally {
    signalReplica(cluster, 1, 'SIGCONT');
  }
  const killedDuring = await until(
    'the provisioning step did not create a repository',
    120_000,
    async () => {
      const events: TaskEvent[] = await api(
        first,
        token,
        `/tasks/${id}/events`,
      );
      return events.find(
        e =>
          e.body.stepId === 'provision' && /created/.test(e.body.message ?? ''),
      )?.body.message;
    },
  );
  const killedAt = Date.now();
  await cluster.killReplica(0);

  // The database's clock is this machine's.
  const recoveredAt = await until(
    'replica 2 did not reopen the task',
    120_000,
    async () => {
      const events: TaskEvent[] = await api(
        second,
        token,
        `/tasks/${id}/events`,
      );
      const recovered = events.find(e => e.type === 'recovered');
      return recovered ? Date.parse(recovered.createdAt) : undefined;
    },
  );
  const status = await until('the task did not end', 300_000, async () => {
    const task = await api(second, token, `/tasks/${id}`);
    return /^(completed|failed|cancelled)$/.test(task.status)
      ? (task.status as string)
      : undefined;
  });
  const completedAt = Date.now();
  const events: TaskEvent[] = await api(second, token, `/tasks/${id}/events`);
  const errors = events
    .filter(e => e.body.status === 'failed' || e.body.error)
    .map(
      e =>
        `${e.body.stepId ?? 'task'}: ${e.body.message ?? ''} ${JSON.stringify(
          e.body.error ?? '',
        )}`,
    );
  return {
    killedAt,
    recoveredAfterMs: recoveredAt - killedAt,
    completedAfterMs: completedAt - killedAt,
    status,
    errors: status === 'completed' ? [] : errors,
    killedDuring: stripColours(killedDuring).trim(),
    repositoryCreations: repoCreations(sandbox) - creationsBefore,
    repositories: forgejoRepos(sandbox),
    applications: stackApplications(sandbox),
  };
}
