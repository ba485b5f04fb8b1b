import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves an app's production build (`dist/`, with its config in index.html) on `port`, the way a
 * static host would: files as they are, every other path answered with index.html for the app's
 * router. Lets a spec open a second frontend against the suite's one backend instead of starting
 * another backend. Resolves once listening; call the returned function to stop.
 */
export async function serveStaticApp(
  distDir: string,
  port: number,
): Promise<() => Promise<void>> {
  const index = path.join(distDir, 'index.html');
  if (!fs.existsSync(index)) {
    throw new Error(
      `${index} is missing: build the app first (yarn workspace ${path.basename(
        path.dirname(distDir),
      )} build)`,
    );
  }
  const server = http.createServer((req, res) => {
    const urlPath = decodeURIComponent(
      new URL(req.url ?? '/', 'http://x').pathname,
    );
    const file = path.join(distDir, path.normalize(urlPath));
    const inside = file.startsWith(distDir + path.sep);
    const target =
      inside && fs.existsSync(file) && fs.statSync(file).isFile()
        ? file
        : index;
    res.writeHead(200, {
      'content-type': TYPES[path.extname(target)] ?? 'application/octet-stream',
    });
    fs.createReadStream(target).pipe(res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Every local address: the browser may reach `localhost` over IPv4 or IPv6.
    server.listen(port, resolve);
  });
  return () =>
    new Promise<void>(resolve => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
}
