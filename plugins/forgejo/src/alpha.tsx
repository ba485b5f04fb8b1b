import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { isForgejoAvailable } from '@edp/plugin-forgejo-common';
import {
  entityBackendApiExtension,
  lazyEntityCard,
  lazyEntityContent,
} from '@edp/plugin-edp-react/alpha';
import { ForgejoClient, forgejoApiRef } from './api';

/** The ForgejoApi, talking to the forgejo backend. @alpha */
export const forgejoApi = entityBackendApiExtension(
  forgejoApiRef,
  options => new ForgejoClient(options),
);

/** `entity-card:forgejo/overview`: counters, languages, latest commit with CI, latest release. @alpha */
export const forgejoOverviewCard = lazyEntityCard({
  name: 'overview',
  filter: isForgejoAvailable,
  load: () =>
    import('./components/ForgejoOverviewCard').then(m => m.ForgejoOverviewCard),
});

/** `entity-card:forgejo/ci`: recent Forgejo Actions runs, and Run workflow. @alpha */
export const forgejoCiCard = lazyEntityCard({
  name: 'ci',
  filter: isForgejoAvailable,
  load: () => import('./components/ForgejoCiCard').then(m => m.ForgejoCiCard),
});

/** `entity-content:forgejo/forgejo`: the "Forgejo" tab. @alpha */
export const forgejoEntityContent = lazyEntityContent({
  name: 'forgejo',
  path: '/forgejo',
  title: 'Forgejo',
  group: 'development',
  filter: isForgejoAvailable,
  load: () => import('./components/ForgejoContent').then(m => m.ForgejoContent),
});

/**
 * The Forgejo plugin for the new frontend system: API, overview and CI cards, and the "Forgejo" tab.
 * Installed by feature discovery because it is the package's default export.
 * @public
 */
export default createFrontendPlugin({
  pluginId: 'forgejo',
  title: 'Forgejo',
  info: { packageJson: () => import('../package.json') },
  extensions: [
    forgejoApi,
    forgejoOverviewCard,
    forgejoCiCard,
    forgejoEntityContent,
  ],
});
