import type { ComponentType } from 'react';
import type { Entity } from '@backstage/catalog-model';
import type { ApiRef } from '@backstage/core-plugin-api';
import {
  ApiBlueprint,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import type { EntityBackendClientOptions } from '../api/EntityBackendClient';
import type { ComponentName } from './componentName';

/**
 * The new-system extension (`api:`) of a plugin's API, whose client talks to the plugin's backend
 * through the app's discovery and authenticated fetch.
 * @alpha
 */
export function entityBackendApiExtension<Api>(
  api: ApiRef<Api>,
  Client: new (options: EntityBackendClientOptions) => Api,
) {
  return ApiBlueprint.make({
    params: defineParams =>
      defineParams({
        api,
        deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
        factory: ({ discoveryApi, fetchApi }) =>
          new Client({ discoveryApi, fetchApi }),
      }),
  });
}

/**
 * Declares a plugin's entity cards and tabs: each shown on the entities `filter` accepts, its
 * component taken from the plugin's components module (`load`, one lazily loaded chunk) when
 * first shown.
 * @alpha
 */
export function entityExtensionsOf<M>(
  filter: (entity: Entity) => boolean,
  load: () => Promise<M>,
) {
  const loader = (component: ComponentName<M>) => () =>
    load().then(m => {
      const Component = m[component] as ComponentType;
      return <Component />;
    });
  return {
    /**
     * `entity-card:<plugin>/<name>`, in the main column (`type: content`): the side column of the
     * entity page is sticky and capped at the window height, so a rich card would be cut off there.
     * `type: info` in the app's extension config puts it back in the side column.
     */
    card: (name: string, component: ComponentName<M>) =>
      EntityCardBlueprint.make({
        name,
        params: { type: 'content', filter, loader: loader(component) },
      }),
    /** `entity-content:<plugin>/<name>`: a tab of the entity page at `tab.path`, in `tab.group`. */
    content: (
      name: string,
      component: ComponentName<M>,
      tab: { path: string; title: string; group: string },
    ) =>
      EntityContentBlueprint.make({
        name,
        params: { ...tab, filter, loader: loader(component) },
      }),
  };
}
