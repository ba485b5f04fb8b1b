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

/**
 * The new-system extension of a plugin's API whose client talks to its backend through the app's
 * discovery and authenticated fetch.
 * @alpha
 */
export function entityBackendApiExtension<Api>(
  api: ApiRef<Api>,
  create: (options: EntityBackendClientOptions) => Api,
) {
  return ApiBlueprint.make({
    params: defineParams =>
      defineParams({
        api,
        deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
        factory: ({ discoveryApi, fetchApi }) =>
          create({ discoveryApi, fetchApi }),
      }),
  });
}

/**
 * `entity-card:<plugin>/<name>`, shown on the entities `filter` accepts and loaded when first shown.
 * In the main column (`type: content`): the side column of the entity page is sticky and capped at
 * the window height, so a rich card would be cut off there. `type: info` in the app's extension
 * config puts it back in the side column.
 * @alpha
 */
export function lazyEntityCard(options: {
  name: string;
  filter: (entity: Entity) => boolean;
  load: () => Promise<ComponentType>;
}) {
  return EntityCardBlueprint.make({
    name: options.name,
    params: {
      type: 'content',
      filter: options.filter,
      loader: () => options.load().then(Card => <Card />),
    },
  });
}

/**
 * `entity-content:<plugin>/<name>`: a tab of the entity page at `path`, in `group`, shown on the
 * entities `filter` accepts and loaded when first opened.
 * @alpha
 */
export function lazyEntityContent(options: {
  name: string;
  path: string;
  title: string;
  group: string;
  filter: (entity: Entity) => boolean;
  load: () => Promise<ComponentType>;
}) {
  const { load, ...params } = options;
  return EntityContentBlueprint.make({
    name: options.name,
    params: {
      path: params.path,
      title: params.title,
      group: params.group,
      filter: params.filter,
      loader: () => load().then(Content => <Content />),
    },
  });
}
