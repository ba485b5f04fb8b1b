import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import {
  forgejoApi,
  forgejoCiCard,
  forgejoEntityContent,
  forgejoOverviewCard,
} from './extensions';

/**
 * The Forgejo plugin for the new frontend system: API, overview and CI cards, and the "Forgejo" tab.
 * Installed by feature discovery because it is the package's default export.
 * @public
 */
export const forgejoFrontendPlugin = createFrontendPlugin({
  pluginId: 'forgejo',
  info: { packageJson: () => import('../package.json') },
  extensions: [
    forgejoApi,
    forgejoOverviewCard,
    forgejoCiCard,
    forgejoEntityContent,
  ],
});
