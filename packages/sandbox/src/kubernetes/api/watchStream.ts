import type { Request, Response } from 'express';
import type { KubeCluster, ListOptions } from '../store/cluster';
import { KubeApiError } from './errors';
import { inRequestedVersion } from './conversion';
import type { ResourceType } from '../store/resources';

/**
 * Streams a watch as the API server does: HTTP 200, chunked, one `{"type","object"}` JSON document
 * per line. A resourceVersion older than the kept history gives an ERROR event carrying a 410
 * Expired Status, after which the stream ends (clients then list again).
 */
export function streamWatch(
  cluster: KubeCluster,
  req: Request,
  res: Response,
  type: ResourceType,
  namespace: string | undefined,
  options: ListOptions & { resourceVersion?: string },
): void {
  res.status(200);
  res.setHeader('Content-Type', 'application/json');
  res.setHeader('Transfer-Encoding', 'chunked');
  res.setHeader('Cache-Control', 'no-cache, private');
  res.flushHeaders();
  const write = (event: unknown) => {
    if (!res.writableEnded) res.write(`${JSON.stringify(event)}\n`);
  };
  let unsubscribe = () => {};
  try {
    unsubscribe = cluster.watch(type, namespace, options, e =>
      write({ type: e.type, object: inRequestedVersion(type, e.object) }),
    );
  } catch (e) {
    if (e instanceof KubeApiError) {
      write({ type: 'ERROR', object: e.toStatus() });
      res.end();
      return;
    }
    throw e;
  }
  const q = req.query as Record<string, string | undefined>;
  const timeoutSeconds = Number(q.timeoutSeconds ?? 1800);
  const timer = setTimeout(() => {
    unsubscribe();
    res.end();
  }, Math.max(1, timeoutSeconds) * 1000);
  timer.unref?.();
  const stop = () => {
    clearTimeout(timer);
    unsubscribe();
  };
  req.on('close', stop);
  res.on('close', stop);
}
