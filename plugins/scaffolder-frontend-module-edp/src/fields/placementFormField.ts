import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { PlacementField } from './PlacementField';

/** `ui:field: EdpPlacement` for the new frontend system. */
export const placementFormField = createFormField({
  name: 'EdpPlacement',
  component: PlacementField,
});
