/**
 * API calls of the least-privilege specs: to the portal's backend with a user's token, and straight to
 * the sandbox's stand-ins with the portal's own credentials (app-config.sandbox.yaml), to see what a
 * task really left behind upstream (private repositories and every namespace included).
 */
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import { expect } from './fixtures';

export const BACKEND = 'http://localhost:7007';
const FORGEJO_API = 'http://127.0.0.1:7101/api/v1';
const KUBERNETES_API = 'http://127.0.0.1:7102';

/** A call to the portal's backend as the token's user; the body is parsed when it is JSON. */
export async function api(
  token: string,
  method: string,
  route: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const res = await fetch(`${BACKEND}${route}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, text };
}

/** Runs a registered template as the token's user; returns its final status and log text. */
export async function runTemplate(
  token: string,
  name: string,
  values: Record<string, unknown>,
) {
  const created = await api(token, 'POST', '/api/scaffolder/v2/tasks', {
    templateRef: `template:default/${name}`,
    values,
  });
  expect(created.status, created.text).toBe(201);
  const { id } = JSON.parse(created.text);
  const task = async () =>
    JSON.parse(
      (await api(token, 'GET', `/api/scaffolder/v2/tasks/${id}`)).text,
    );
  await expect
    .poll(async () => (await task()).status, { timeout: 60_000 })
    .toMatch(/^(failed|completed|cancelled)$/);
  const events = (
    await api(token, 'GET', `/api/scaffolder/v2/tasks/${id}/events`)
  ).text;
  return { status: (await task()).status as string, events };
}

const sandboxConfig = () =>
  yaml.parse(
    fs.readFileSync(
      path.resolve(__dirname, '../app-config.sandbox.yaml'),
      'utf8',
    ),
  );

/** The portal's Forgejo token (an admin of the stand-in, so private repositories count too). */
export const forgejoToken = (): string =>
  sandboxConfig().integrations.gitea[0].password;

/** A call to the Forgejo stand-in with the portal's token. */
export async function forgejo(
  method: string,
  route: string,
  body?: unknown,
): Promise<{ status: number; body: any }> {
  const res = await fetch(`${FORGEJO_API}${route}`, {
    method,
    headers: {
      authorization: `token ${forgejoToken()}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

export const forgejoRepoExists = async (slug: string) =>
  (await forgejo('GET', `/repos/${slug}`)).status !== 404;

/** A call to the Kubernetes stand-in with the portal's service account token. */
export async function kubernetes(
  route: string,
  method = 'GET',
): Promise<{ status: number; body: any }> {
  const cluster =
    sandboxConfig().kubernetes.clusterLocatorMethods[0].clusters[0];
  const res = await fetch(`${KUBERNETES_API}${route}`, {
    method,
    headers: { authorization: `Bearer ${cluster.serviceAccountToken}` },
  });
  return { status: res.status, body: await res.json() };
}
