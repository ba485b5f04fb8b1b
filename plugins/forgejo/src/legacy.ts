import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { ForgejoClient, forgejoApiRef } from './api';

/**
 * The Forgejo plugin for apps on the legacy frontend system.
 * @public
 */
export const forgejoPlugin = createPlugin({
  id: 'forgejo',
  apis: [
    createApiFactory({
      api: forgejoApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ForgejoClient({ discoveryApi, fetchApi }),
    }),
  ],
});

/** @public */
export const EntityForgejoOverviewCard = forgejoPlugin.provide(
  createComponentExtension({
    name: 'EntityForgejoOverviewCard',
    component: {
      lazy: () =>
        import('./components/ForgejoOverviewCard').then(
          m => m.ForgejoOverviewCard,
        ),
    },
  }),
);

/** @public */
export const EntityForgejoCiCard = forgejoPlugin.provide(
  createComponentExtension({
    name: 'EntityForgejoCiCard',
    component: {
      lazy: () =>
        import('./components/ForgejoCiCard').then(m => m.ForgejoCiCard),
    },
  }),
);

/** The "Forgejo" tab's content, for an EntityLayout.Route. @public */
export const EntityForgejoContent = forgejoPlugin.provide(
  createComponentExtension({
    name: 'EntityForgejoContent',
    component: {
      lazy: () =>
        import('./components/ForgejoContent').then(m => m.ForgejoContent),
    },
  }),
);
