import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';

/** The `EdpPlacement` form field, loaded when the scaffolder first renders a form. */
export const edpPlacementFormField = FormFieldBlueprint.make({
  name: 'edp-placement',
  params: {
    field: () =>
      import('./fields/placementFormField').then(m => m.placementFormField),
  },
});

/**
 * Adds the EDP form fields to the scaffolder (new frontend system; picked up by feature discovery).
 * @public
 */
export const scaffolderModuleEdpFields = createFrontendModule({
  pluginId: 'scaffolder',
  extensions: [edpPlacementFormField],
});
