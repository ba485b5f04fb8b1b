import type { ComponentType } from 'react';
import type { Entity } from '@backstage/catalog-model';
import type { ApiRef } from '@backstage/core-plugin-api';
import {
  ApiBlueprint,
  discoveryApiRef,
  fetchApiRef,
  type ExtensionDefinition,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import type { EntityBackendClientOptions } from '../api/EntityBackendClient';
import type { ComponentName } from './componentName';

/**
 * Declares a card plugin's extensions for the new frontend system: its API (`api:`, a client of the
 * plugin's backend through the app's discovery and authenticated fetch), its cards and tabs, each
 * shown on the entities `filter` accepts and taken from the plugin's components module (`load`,
 * one lazily loaded chunk) when first shown; `all()` lists what was declared, in order, for
 * `createFrontendPlugin`.
 * @alpha
 */
export function extensionsOf<M>(
  filter: (entity: Entity) => boolean,
  load: () => Promise<M>,
) {
  const declared: ExtensionDefinition[] = [];
  const declare = <E extends ExtensionDefinition>(extension: E) => {
    declared.push(extension);
    return extension;
  };
  const loader = (component: ComponentName<M>) => () =>
    load().then(m => {
      const Component = m[component] as ComponentType;
      return <Component />;
    });
  return {
    api: <Api,>(
      apiRef: ApiRef<Api>,
      Client: new (options: EntityBackendClientOptions) => Api,
    ) =>
      declare(
        ApiBlueprint.make({
          params: defineParams =>
            defineParams({
              api: apiRef,
              deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
              factory: ({ discoveryApi, fetchApi }) =>
                new Client({ discoveryApi, fetchApi }),
            }),
        }),
      ),
    /**
     * `entity-card:<plugin>/<name>`, in the main column (`type: content`): the side column of the
     * entity page is sticky and capped at the window height, so a rich card would be cut off there.
     * `type: info` in the app's extension config puts it back in the side column.
     */
    card: (name: string, component: ComponentName<M>) =>
      declare(
        EntityCardBlueprint.make({
          name,
          params: { type: 'content', filter, loader: loader(component) },
        }),
      ),
    /** `entity-content:<plugin>/<name>`: a tab of the entity page at `tab.path`, in `tab.group`. */
    content: (
      name: string,
      component: ComponentName<M>,
      tab: { path: string; title: string; group: string },
    ) =>
      declare(
        EntityContentBlueprint.make({
          name,
          params: { ...tab, filter, loader: loader(component) },
        }),
      ),
    /** Every extension declared so far, in order. */
    all: () => [...declared],
  };
}
