import type { ArgoCDInstanceConfig } from '../config';

/** Instance configs for tests; the credentials exist only here. */
export function sessionInstance(
  name: string,
  overrides: Partial<ArgoCDInstanceConfig> = {},
): ArgoCDInstanceConfig {
  return {
    name,
    url: `https://${name}.argocd.test`,
    uiUrl: `https://${name}.argocd.test`,
    timeoutMs: 500,
    auth: {
      type: 'session',
      username: 'admin',
      password: `${name}-secret-password`,
    },
    configKey: `argocd.appLocatorMethods[0].instances[0]`,
    ...overrides,
  };
}

export function tokenInstance(
  name: string,
  overrides: Partial<ArgoCDInstanceConfig> = {},
): ArgoCDInstanceConfig {
  return sessionInstance(name, {
    auth: { type: 'token', token: `${name}-static-token` },
    ...overrides,
  });
}
