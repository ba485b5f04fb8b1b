import {
  ApiBlueprint,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { ForgejoClient, forgejoApiRef } from './api';
import { isForgejoAvailable } from './conditions';

/** The ForgejoApi, talking to the forgejo backend. */
export const forgejoApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: forgejoApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ForgejoClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * `entity-card:forgejo/overview`. A `content` card (main column): the side column of the entity page
 * is sticky and capped at the window height, so a card this rich would be cut off below the About
 * card. `type: info` in the extension's config puts it back in the side column.
 */
export const forgejoOverviewCard = EntityCardBlueprint.make({
  name: 'overview',
  params: {
    type: 'content',
    filter: isForgejoAvailable,
    loader: () =>
      import('./components/ForgejoOverviewCard').then(m => (
        <m.ForgejoOverviewCard />
      )),
  },
});

/** `entity-card:forgejo/ci` */
export const forgejoCiCard = EntityCardBlueprint.make({
  name: 'ci',
  params: {
    type: 'content',
    filter: isForgejoAvailable,
    loader: () =>
      import('./components/ForgejoCiCard').then(m => <m.ForgejoCiCard />),
  },
});

/** `entity-content:forgejo/forgejo`: the "Forgejo" tab. */
export const forgejoEntityContent = EntityContentBlueprint.make({
  name: 'forgejo',
  params: {
    path: '/forgejo',
    title: 'Forgejo',
    group: 'development',
    filter: isForgejoAvailable,
    loader: () =>
      import('./components/ForgejoContent').then(m => <m.ForgejoContent />),
  },
});
