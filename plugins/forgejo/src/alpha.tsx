import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { isForgejoAvailable } from '@edp/plugin-forgejo-common';
import { extensionsOf } from '@edp/plugin-edp-react/alpha';
import { ForgejoBackendClient, forgejoApiRef } from './api';

const components = () => import('./components');
const { api, card, content, all } = extensionsOf(
  isForgejoAvailable,
  components,
);

/** The ForgejoApi, talking to the forgejo backend. @alpha */
export const forgejoApi = api(forgejoApiRef, ForgejoBackendClient);

/** `entity-card:forgejo/overview`: counters, languages, latest commit with CI, latest release. @alpha */
export const forgejoOverviewCard = card('overview', 'ForgejoOverviewCard');

/** `entity-card:forgejo/ci`: recent Forgejo Actions runs, and Run workflow. @alpha */
export const forgejoCiCard = card('ci', 'ForgejoCiCard');

/** `entity-content:forgejo/forgejo`: the "Forgejo" tab. @alpha */
export const forgejoEntityContent = content('forgejo', 'ForgejoContent', {
  path: '/forgejo',
  title: 'Forgejo',
  group: 'development',
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
  extensions: all(),
});
