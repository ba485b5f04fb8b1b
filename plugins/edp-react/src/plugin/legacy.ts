import {
  createApiFactory,
  createComponentExtension,
  discoveryApiRef,
  fetchApiRef,
  type ApiRef,
  type BackstagePlugin,
} from '@backstage/core-plugin-api';
import type { EntityBackendClientOptions } from '../api/EntityBackendClient';
import type { ComponentName } from './componentName';

/**
 * The legacy-system factory of a plugin's API, whose client talks to the plugin's backend through
 * the app's discovery and authenticated fetch.
 * @public
 */
export function entityBackendApiFactory<Api>(
  api: ApiRef<Api>,
  Client: new (options: EntityBackendClientOptions) => Api,
) {
  return createApiFactory({
    api,
    deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
    factory: ({ discoveryApi, fetchApi }) =>
      new Client({ discoveryApi, fetchApi }),
  });
}

/**
 * Declares a plugin's cards and tabs for legacy entity pages: `lazy('XCard')` is the component
 * extension `EntityXCard` of `plugin`, taken from the plugin's components module (`load`, one
 * lazily loaded chunk) when first shown. Wrap each in an `EntitySwitch.Case` with the plugin's
 * availability check.
 * @public
 */
export function lazyEntityComponentsOf<M>(
  plugin: BackstagePlugin,
  load: () => Promise<M>,
) {
  return <K extends ComponentName<M>>(component: K) =>
    plugin.provide(
      createComponentExtension({
        name: `Entity${component}`,
        component: {
          lazy: () =>
            load().then(m => m[component] as () => JSX.Element | null),
        },
      }),
    ) as unknown as M[K];
}
