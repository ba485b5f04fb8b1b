import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import type { Socket } from 'node:net';
import path from 'node:path';
import type { Express } from 'express';

export interface TlsMaterial {
  cert: string;
  key: string;
}

/**
 * A self-signed certificate for 127.0.0.1 and localhost, made once per state folder with the
 * system `openssl`. kubectl only sends bearer tokens over HTTPS, hence this listener.
 */
export function ensureCertificate(dir: string): TlsMaterial {
  const certFile = path.join(dir, 'apiserver.crt');
  const keyFile = path.join(dir, 'apiserver.key');
  if (!fs.existsSync(certFile) || !fs.existsSync(keyFile)) {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        keyFile,
        '-out',
        certFile,
        '-days',
        '3650',
        '-subj',
        '/CN=edp-sandbox-kubernetes',
        '-addext',
        'subjectAltName=IP:127.0.0.1,DNS:localhost',
        '-addext',
        'basicConstraints=critical,CA:TRUE',
      ],
      { stdio: 'pipe' },
    );
  }
  return {
    cert: fs.readFileSync(certFile, 'utf8'),
    key: fs.readFileSync(keyFile, 'utf8'),
  };
}

/** Listens with TLS on 127.0.0.1; the error for a taken port names the setting that chooses it. */
export async function listenTls(
  app: Express,
  port: number,
  tls: TlsMaterial,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = https.createServer({ cert: tls.cert, key: tls.key }, app);
  const sockets = new Set<Socket>();
  server.on('connection', s => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        err.code === 'EADDRINUSE'
          ? new Error(
              `port ${port} for the Kubernetes HTTPS endpoint is already in use; set kubernetes.httpsPort in the sandbox config (0 picks a free port)`,
            )
          : err,
      ),
    );
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  return {
    url: `https://127.0.0.1:${actual}`,
    close: () =>
      new Promise<void>(resolve => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
