import { scaffolderPlugin } from '@backstage/plugin-scaffolder';
import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import { PlacementField } from './fields/PlacementField';

/**
 * `ui:field: EdpPlacement` for apps on the legacy frontend system: add it inside
 * `<ScaffolderFieldExtensions>` of the `/create` route.
 * @public
 */
export const EdpPlacementFieldExtension = scaffolderPlugin.provide(
  createScaffolderFieldExtension({
    name: 'EdpPlacement',
    component: PlacementField,
  }),
);
