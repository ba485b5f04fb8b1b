import http from 'node:http';
import type { Socket } from 'node:net';
import type { Express } from 'express';

/** A port that could not be bound, with the setting that chooses it. */
export class PortInUseError extends Error {
  constructor(readonly port: number, readonly portName: string) {
    super(
      `port ${port} for "${portName}" is already in use. ` +
        `Stop whatever listens there, or choose another port with --port ${portName}=<number> ` +
        `(or ports.${portName} in the sandbox config; 0 picks a free port).`,
    );
    this.name = 'PortInUseError';
  }
}

/** An HTTP server that can be closed at once, open connections included. */
export interface ClosableServer {
  url: string;
  close(): Promise<void>;
}

export async function listenOnLoopback(
  app: Express | http.RequestListener,
  port: number,
  portName: string,
): Promise<ClosableServer> {
  const server = http.createServer(app as http.RequestListener);
  const sockets = new Set<Socket>();
  server.on('connection', s => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      reject(
        err.code === 'EADDRINUSE' ? new PortInUseError(port, portName) : err,
      );
    });
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://127.0.0.1:${actual}`,
    close: () =>
      new Promise<void>(resolve => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
