import type { Sandbox } from '../host/sandbox';
import { startTestSandbox } from '../testing';
import { call } from './testUtils';

describe('ArgoCD seeds lined up with the Forgejo stand-in', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox(['forgejo', 'argocd'], {
      services_config: {
        argocd: { instances: { beta: { seed: 'beta', tokens: ['t'] } } },
      },
    } as any);
  }, 60_000);
  afterAll(() => sandbox.stop());

  it("deploys revisions that are real commits in Forgejo, with Forgejo's commit message", async () => {
    const forgejo = sandbox.endpoints.forgejo.api;
    const argocd = sandbox.endpoints.argocd.beta;
    const app = (
      await call(`${argocd}/api/v1/applications/payments-api-prod`, {
        token: 't',
      })
    ).body;
    const commits = await call(
      `${forgejo}/api/v1/repos/platform/payments-api/commits?limit=50&stat=false&verification=false&files=false`,
      {
        headers: { authorization: 'token sandbox-forgejo-token' },
      },
    );
    expect(commits.status).toBe(200);
    const forgejoShas = commits.body.map((c: any) => c.sha);
    // The newest deployment is Forgejo's newest commit, and the newer part of the history exists there.
    const history = app.status.history.map((h: any) => h.revision).reverse();
    expect(app.status.sync.revision).toBe(history[0]);
    const inForgejo = history.filter((sha: string) =>
      forgejoShas.includes(sha),
    );
    expect(inForgejo.length).toBeGreaterThanOrEqual(
      Math.min(forgejoShas.length - 1, history.length),
    );
    const commit = (
      await call(
        `${forgejo}/api/v1/repos/platform/payments-api/git/commits/${inForgejo[0]}`,
        {
          headers: { authorization: 'token sandbox-forgejo-token' },
        },
      )
    ).body;
    const md = (
      await call(
        `${argocd}/api/v1/applications/payments-api-prod/revisions/${inForgejo[0]}/metadata`,
        { token: 't' },
      )
    ).body;
    expect(md.message).toBe(commit.commit.message.trim());
    expect(md.author).toContain(commit.commit.author.email);
    // Every history revision still has metadata, aligned or not, and was deployed after it was committed, in order.
    let previousDeploy = Infinity;
    for (const entry of [...app.status.history].reverse()) {
      const res = await call(
        `${argocd}/api/v1/applications/payments-api-prod/revisions/${entry.revision}/metadata`,
        { token: 't' },
      );
      expect(res.status).toBe(200);
      const deployed = Date.parse(entry.deployedAt);
      expect(deployed).toBeGreaterThan(Date.parse(res.body.date));
      expect(deployed).toBeLessThan(previousDeploy);
      expect(deployed).toBeLessThanOrEqual(Date.now());
      previousDeploy = deployed;
    }
  });
});
