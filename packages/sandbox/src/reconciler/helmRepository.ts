import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import YAML from 'yaml';

/** A chart repository that cannot be read, worded as ArgoCD's repo-server reports it. */
export class HelmRepositoryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HelmRepositoryError';
  }
}

const FETCH_TIMEOUT_MS = 10_000;

function causeOf(e: unknown): string {
  const err = e as Error & { cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError') return 'context deadline exceeded';
  return err.cause?.code ?? err.cause?.message ?? err.message;
}

async function get(url: string): Promise<Buffer> {
  const res = await fetch(url, {
    signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
  });
  if (!res.ok) throw new Error(`${res.status} ${res.statusText}`);
  return Buffer.from(await res.arrayBuffer());
}

/**
 * Fetches `chart` at `version` from an HTTP(S) Helm repository (its `index.yaml`, then the
 * package) and unpacks it; returns the chart's folder. One unpacked copy per chart version.
 * Failures read like ArgoCD's: `looks like "<repo>" is not a valid chart repository or cannot be reached`.
 */
export async function fetchHelmChart(
  cacheDir: string,
  repoURL: string,
  chart: string,
  version: string | undefined,
): Promise<string> {
  const repo = repoURL.replace(/\/+$/, '');
  if (!/^https?:\/\//.test(repo)) {
    throw new HelmRepositoryError(
      `error fetching chart: repository "${repoURL}" is not an http(s) Helm repository (the sandbox does not pull OCI charts)`,
    );
  }
  const indexUrl = `${repo}/index.yaml`;
  let index: any;
  try {
    index = YAML.parse((await get(indexUrl)).toString('utf8'));
  } catch (e) {
    throw new HelmRepositoryError(
      `error fetching chart: failed to fetch chart: Error: looks like "${repoURL}" is not a valid chart repository or cannot be reached: Get "${indexUrl}": ${causeOf(
        e,
      )}`,
    );
  }
  const entries: any[] = index?.entries?.[chart] ?? [];
  const wanted = version && version !== '*' ? version : undefined;
  const entry = wanted ? entries.find(e => e?.version === wanted) : entries[0];
  if (!entry) {
    throw new HelmRepositoryError(
      `error fetching chart: chart "${chart}"${
        wanted ? ` version "${wanted}"` : ''
      } not found in repository ${repoURL}`,
    );
  }
  const dir = path.join(
    cacheDir,
    'charts',
    createHash('sha256')
      .update(`${repo}\0${chart}\0${entry.version}`)
      .digest('hex')
      .slice(0, 16),
  );
  if (fs.existsSync(path.join(dir, chart, 'Chart.yaml')))
    return path.join(dir, chart);
  const packageUrl = new URL(String(entry.urls?.[0] ?? ''), `${repo}/`).href;
  let tgz: Buffer;
  try {
    tgz = await get(packageUrl);
  } catch (e) {
    throw new HelmRepositoryError(
      `error fetching chart: failed to download "${packageUrl}": ${causeOf(e)}`,
    );
  }
  const staging = `${dir}.${process.pid}.${Date.now()}`;
  fs.mkdirSync(staging, { recursive: true });
  try {
    fs.writeFileSync(`${staging}.tgz`, tgz);
    await promisify(execFile)('tar', ['-xzf', `${staging}.tgz`, '-C', staging]);
    fs.renameSync(staging, dir);
  } catch (e) {
    fs.rmSync(staging, { recursive: true, force: true });
    if (!fs.existsSync(dir))
      throw new HelmRepositoryError(
        `error fetching chart: ${packageUrl} is not a chart package: ${
          (e as Error).message
        }`,
      );
  } finally {
    fs.rmSync(`${staging}.tgz`, { force: true });
  }
  return path.join(dir, chart);
}
