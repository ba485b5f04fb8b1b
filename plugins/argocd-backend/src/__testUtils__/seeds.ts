import type { JsonObject } from '@backstage/types';
import type { SetupServer } from 'msw/node';
import { fakeApp, fakeArgoCD } from './fakeArgoCD';
import { component } from './testBackend';

export const instance = (name: string, extra: JsonObject = {}): JsonObject => ({
  name,
  url: `https://${name}.argocd.test`,
  timeoutMs: 400,
  ...extra,
});
export const sessionInstance = (name: string) =>
  instance(name, { username: 'admin', password: `${name}-pw` });
export const tokenInstance = (name: string) =>
  instance(name, { token: `${name}-static-token` });

export const payments = component('payments-api', {
  'argocd/app-selector': 'app.kubernetes.io/part-of=payments',
});
export const inventory = component('inventory-service', {
  'argocd/app-name': 'inventory',
});

export function seedThreeInstances(
  server: SetupServer,
  options: { hangGamma?: boolean } = {},
) {
  const part = { 'app.kubernetes.io/part-of': 'payments' };
  return {
    alpha: fakeArgoCD(server, 'alpha', {
      password: 'alpha-pw',
      apps: [
        fakeApp('payments-api-dev', { labels: part, history: 4 }),
        fakeApp('inventory'),
      ],
    }),
    beta: fakeArgoCD(server, 'beta', {
      apps: [
        fakeApp('payments-api-prod', { labels: part, history: 5 }),
        fakeApp('inventory'),
      ],
    }),
    gamma: fakeArgoCD(server, 'gamma', {
      password: 'gamma-pw',
      hang: options.hangGamma,
      apps: [fakeApp('inventory')],
    }),
  };
}

export const threeInstances = [
  sessionInstance('alpha'),
  tokenInstance('beta'),
  sessionInstance('gamma'),
];
