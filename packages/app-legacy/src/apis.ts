import {
  ScmAuth,
  ScmIntegrationsApi,
  scmIntegrationsApiRef,
} from '@backstage/integration-react';
import {
  AnyApiFactory,
  configApiRef,
  createApiFactory,
} from '@backstage/core-plugin-api';

/**
 * The APIs the app provides itself; each EDP plugin brings its own API (forgejoApiRef, argocdApiRef,
 * terraformApiRef) through its legacy `createPlugin`, picked up from the routes' element tree.
 */
export const apis: AnyApiFactory[] = [
  // The scaffolder's client and its repository pickers read the integrations.
  createApiFactory({
    api: scmIntegrationsApiRef,
    deps: { configApi: configApiRef },
    factory: ({ configApi }) => ScmIntegrationsApi.fromConfig(configApi),
  }),
  ScmAuth.createDefaultApiFactory(),
];
