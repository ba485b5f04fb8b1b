import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AuditorService } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { ScmIntegrations } from '@backstage/integration';
import type { JsonValue } from '@backstage/types';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { SANDBOX_FORGEJO_TOKEN, startTestSandbox } from '@edp/sandbox';
import { ForgejoClient } from '@edp/plugin-forgejo-node';
import { createPublishForgejoAction } from '../actions/publishForgejo';

export const TOKEN = SANDBOX_FORGEJO_TOKEN;

/** A Forgejo stand-in (real HTTP, real git) and the action configured for it with a token-only integration. */
export async function startPublishEnv(
  integration: Record<string, string> = { password: TOKEN },
) {
  const sandbox = await startTestSandbox(['forgejo']);
  const baseUrl = sandbox.endpoints.forgejo.api;
  const host = new URL(baseUrl).host;
  const integrations = ScmIntegrations.fromConfig(
    new ConfigReader({
      integrations: {
        gitea: [{ host, baseUrl, ...integration }],
        github: [{ host: 'github.com' }],
      },
    }),
  );
  const client = new ForgejoClient(integrations);
  /** What the auditor received, with each event's outcome. */
  const auditEvents: Array<Record<string, any>> = [];
  const auditor: AuditorService = {
    async createEvent(event) {
      const recorded: Record<string, any> = { ...event };
      auditEvents.push(recorded);
      return {
        async success(result) {
          Object.assign(recorded, { outcome: 'success', result: result?.meta });
        },
        async fail({ error }) {
          Object.assign(recorded, { outcome: 'fail', error: error.name });
        },
      };
    },
  };
  /** The action as a user who holds forgejo.repository.publish (`allowed`) or not. */
  const actionFor = (allowed: boolean) =>
    createPublishForgejoAction({
      integrations,
      client,
      permissions: mockServices.permissions.mock({
        authorize: async requests =>
          requests.map(() => ({
            result: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
          })) as any,
      }),
      auditor,
    });
  const action = actionFor(true);
  const scratch = fs.mkdtempSync(
    path.join(os.tmpdir(), 'publish-forgejo-test-'),
  );
  let n = 0;
  const tempDir = () => fs.mkdtempSync(path.join(scratch, `tmp-${n++}-`));

  /** A workspace folder holding `files`. */
  const workspace = (files: Record<string, string>) => {
    const dir = tempDir();
    for (const [file, content] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), content);
    }
    return dir;
  };

  /** Runs the action once; `checkpoints` lets two runs share checkpoint results like a retried task. */
  const run = async (
    input: Record<string, unknown>,
    options: {
      files?: Record<string, string>;
      dryRun?: boolean;
      checkpoints?: Map<string, JsonValue>;
      /** Whether the initiator holds forgejo.repository.publish (default true). */
      allowed?: boolean;
      taskId?: string;
    } = {},
  ) => {
    const ctx = createMockActionContext({
      input: input as any,
      workspacePath: workspace(
        options.files ?? {
          'README.md': '# hello\n',
          'catalog-info.yaml': 'kind: Component\n',
        },
      ),
    });
    ctx.createTemporaryDirectory = async () => tempDir();
    // Spied so that tests can read what the task log says.
    jest.spyOn(ctx.logger, 'info');
    ctx.getInitiatorCredentials = async () =>
      mockCredentials.user('user:default/alice');
    if (options.taskId) ctx.task = { id: options.taskId };
    if (options.dryRun) (ctx as any).isDryRun = true;
    if (options.checkpoints) {
      const saved = options.checkpoints;
      ctx.checkpoint = (async ({
        key,
        fn,
      }: {
        key: string;
        fn: () => Promise<JsonValue>;
      }) => {
        if (!saved.has(key)) saved.set(key, await fn());
        return saved.get(key);
      }) as any;
    }
    await actionFor(options.allowed ?? true).handler(ctx as any);
    const outputs = Object.fromEntries((ctx.output as jest.Mock).mock.calls);
    return { outputs, ctx };
  };

  /** GET on the stand-in's API with the bot's token. */
  const api = async (apiPath: string) => {
    const res = await fetch(`${baseUrl}/api/v1${apiPath}`, {
      headers: { Authorization: `token ${TOKEN}` },
    });
    return {
      status: res.status,
      body: res.status === 204 ? undefined : await res.json(),
    };
  };

  const stop = async () => {
    await sandbox.stop();
    fs.rmSync(scratch, { recursive: true, force: true });
  };
  return { sandbox, baseUrl, host, action, run, api, stop, auditEvents };
}
