import {
  createApiFactory,
  createComponentExtension,
  discoveryApiRef,
  fetchApiRef,
  type ApiRef,
  type BackstagePlugin,
} from '@backstage/core-plugin-api';
import type { EntityBackendClientOptions } from '../api/EntityBackendClient';

/**
 * The legacy-system factory of a plugin's API whose client talks to its backend through the app's
 * discovery and authenticated fetch.
 * @public
 */
export function entityBackendApiFactory<Api>(
  api: ApiRef<Api>,
  create: (options: EntityBackendClientOptions) => Api,
) {
  return createApiFactory({
    api,
    deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
    factory: ({ discoveryApi, fetchApi }) => create({ discoveryApi, fetchApi }),
  });
}

/**
 * A card or tab of a legacy entity page, loaded when first shown. Wrap it in an
 * `EntitySwitch.Case` with the plugin's availability check.
 * @public
 */
export function lazyEntityComponent<
  T extends (props: {}) => JSX.Element | null,
>(plugin: BackstagePlugin, name: string, lazy: () => Promise<T>): T {
  return plugin.provide(
    createComponentExtension({ name, component: { lazy } }),
  );
}
