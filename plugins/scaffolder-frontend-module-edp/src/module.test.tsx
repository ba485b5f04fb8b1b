import { createExtensionTester } from '@backstage/frontend-test-utils';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import { getComponentData } from '@backstage/core-plugin-api';
import module, { EdpPlacementFieldExtension, PlacementField } from './index';
import { edpPlacementFormField } from './module';

describe('@edp/plugin-scaffolder-frontend-module-edp', () => {
  it('is a scaffolder module by default export, as feature discovery requires', () => {
    expect(module.$$type).toBe('@backstage/FrontendModule');
    expect((module as any).pluginId).toBe('scaffolder');
  });

  it('gives the scaffolder a loader for the EdpPlacement field', async () => {
    const loader = createExtensionTester(edpPlacementFormField).get(
      FormFieldBlueprint.dataRefs.formFieldLoader,
    );
    const field = await loader();
    expect(field).toMatchObject({
      $$type: '@backstage/scaffolder/FormField',
      name: 'EdpPlacement',
    });
  });

  it('offers the same field to legacy apps under the same name', () => {
    // What <ScaffolderFieldExtensions> reads from its children.
    expect(
      getComponentData(
        <EdpPlacementFieldExtension />,
        'scaffolder.extensions.field.v1',
      ),
    ).toMatchObject({ name: 'EdpPlacement', component: PlacementField });
  });
});
