import express from 'express';
import { startSandbox } from './sandbox';
import { PortInUseError } from './listen';
import type { StandIn } from './types';

/** A minimal stand-in for exercising the host: answers GET /hello behind its fault middleware. */
function echoStandIn(
  name: string,
  dependsOn: string[] = [],
  started: string[] = [],
): StandIn {
  return {
    name,
    dependsOn,
    async start(ctx) {
      started.push(name);
      const peersAtStart = [...ctx.peers.keys()];
      const app = express();
      app.use(ctx.faults.middleware(name));
      app.get('/hello', (_req, res) => {
        res.json({ from: name, peers: peersAtStart });
      });
      const url = await ctx.listen(app, name);
      return { endpoints: { api: url }, stop: async () => {} };
    },
  };
}

describe('startSandbox', () => {
  it('starts stand-ins after their dependencies and reports readiness with their URLs', async () => {
    const order: string[] = [];
    const sandbox = await startSandbox({
      standIns: [
        echoStandIn('argocd', ['kubernetes'], order),
        echoStandIn('kubernetes', [], order),
      ],
    });
    try {
      expect(order).toEqual(['kubernetes', 'argocd']);
      const ready = await (await fetch(`${sandbox.adminUrl}/ready`)).json();
      expect(ready.ready).toBe(true);
      const hello = await (
        await fetch(`${ready.endpoints.argocd.api}/hello`)
      ).json();
      expect(hello).toEqual({ from: 'argocd', peers: ['kubernetes'] });
    } finally {
      await sandbox.stop();
    }
  });

  it('injects latency, errors and garbage set at runtime through the admin endpoint', async () => {
    const sandbox = await startSandbox({ standIns: [echoStandIn('forgejo')] });
    const hello = `${sandbox.endpoints.forgejo.api}/hello`;
    const put = (body: unknown) =>
      fetch(`${sandbox.adminUrl}/faults/forgejo`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    try {
      expect((await put({ errorRate: 1, errorStatus: 502 })).status).toBe(200);
      expect((await fetch(hello)).status).toBe(502);

      await put({ garbage: true });
      await expect((await fetch(hello)).json()).rejects.toThrow();

      await put({ latencyMs: 150 });
      const t0 = Date.now();
      expect((await fetch(hello)).status).toBe(200);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(140);

      const bad = await put({ latencyMs: -1 });
      expect(bad.status).toBe(400);
      expect((await bad.json()).message).toContain('faults.forgejo.latencyMs');

      await fetch(`${sandbox.adminUrl}/faults`, { method: 'DELETE' });
      expect((await fetch(hello)).status).toBe(200);
    } finally {
      await sandbox.stop();
    }
  });

  it('holds requests open while a hang fault is set, and releases them when it is cleared', async () => {
    const sandbox = await startSandbox({ standIns: [echoStandIn('argocd')] });
    try {
      sandbox.faults.set('argocd/beta', { hang: true });
      const key = 'argocd/beta';
      // The fault applies to its instance key only, not to the whole service.
      expect(sandbox.faults.get('argocd')).toEqual({});
      expect(sandbox.faults.get(key).hang).toBe(true);
      sandbox.faults.set('argocd', { hang: true });
      const pending = fetch(`${sandbox.endpoints.argocd.api}/hello`);
      const raced = await Promise.race([
        pending.then(() => 'answered'),
        new Promise(r => setTimeout(() => r('hanging'), 200)),
      ]);
      expect(raced).toBe('hanging');
      sandbox.faults.clear('argocd');
      expect((await pending).status).toBe(503);
    } finally {
      await sandbox.stop();
    }
  });

  it('fails with a message naming the port and how to change it when the port is taken', async () => {
    const first = await startSandbox({ standIns: [echoStandIn('forgejo')] });
    const port = Number(new URL(first.endpoints.forgejo.api).port);
    try {
      const second = startSandbox({
        standIns: [echoStandIn('forgejo')],
        config: { ports: { forgejo: port } },
      });
      await expect(second).rejects.toBeInstanceOf(PortInUseError);
      await expect(second).rejects.toThrow(
        `port ${port} for "forgejo" is already in use`,
      );
      await expect(second).rejects.toThrow('--port forgejo=<number>');
    } finally {
      await first.stop();
    }
  });

  it('stops what it started when a later stand-in fails', async () => {
    let stopped = false;
    const good: StandIn = {
      name: 'kubernetes',
      async start(ctx) {
        await ctx.listen(express(), 'kubernetes');
        return {
          endpoints: {},
          stop: async () => {
            stopped = true;
          },
        };
      },
    };
    const bad: StandIn = {
      name: 'argocd',
      dependsOn: ['kubernetes'],
      start: async () => {
        throw new Error('boom');
      },
    };
    await expect(startSandbox({ standIns: [good, bad] })).rejects.toThrow(
      'boom',
    );
    expect(stopped).toBe(true);
  });

  it('names an unknown stand-in and who needs it', async () => {
    await expect(
      startSandbox({ standIns: [echoStandIn('argocd', ['kubernetes'])] }),
    ).rejects.toThrow('unknown stand-in "kubernetes" (needed by argocd)');
  });
});
