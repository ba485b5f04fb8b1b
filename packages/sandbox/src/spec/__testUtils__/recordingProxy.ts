import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a client made through the proxy, with the stand-in's answer. */
export interface Exchange {
  method: string;
  /** Path without the query string. */
  path: string;
  status: number;
  contentType: string;
  body: Buffer;
}

/**
 * A transparent HTTP proxy in front of a stand-in that records every exchange, so a test can hand
 * a real client (Backstage's URL reader, git) the proxy's URL and then check every answer it got
 * against the official spec, whatever the client chose to call.
 */
export async function startRecordingProxy(target: string): Promise<{
  url: string;
  exchanges: Exchange[];
  close(): Promise<void>;
}> {
  const upstream = new URL(target);
  const exchanges: Exchange[] = [];
  const server = http.createServer((req, res) => {
    const forward = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host },
      },
      answer => {
        const chunks: Buffer[] = [];
        answer.on('data', c => chunks.push(c));
        answer.on('end', () =>
          exchanges.push({
            method: req.method ?? 'GET',
            path: (req.url ?? '/').split('?')[0],
            status: answer.statusCode ?? 0,
            contentType: String(answer.headers['content-type'] ?? ''),
            body: Buffer.concat(chunks),
          }),
        );
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', e => {
      res.writeHead(502).end(String(e));
    });
    req.pipe(forward);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    exchanges,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
