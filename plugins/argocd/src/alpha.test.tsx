import {
  createExtensionTester,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import { argocdApiRef } from './api/ArgoCDApi';
import { entity, filledOverview } from './__fixtures__/overview';
import plugin, {
  argocdHistoryCard,
  argocdOverviewCard,
  argocdResourcesContent,
} from './alpha';

describe('edp-argocd (new frontend system)', () => {
  it('uses its own plugin id, not Roadie’s nor the community’s', () => {
    expect(plugin.id).toBe('edp-argocd');
  });

  it('shows both cards only on entities with ArgoCD annotations, in the content area', () => {
    for (const tester of [
      createExtensionTester(argocdOverviewCard),
      createExtensionTester(argocdHistoryCard),
    ]) {
      const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction);
      expect(filter?.(entity)).toBe(true);
      expect(
        filter?.({ ...entity, metadata: { name: 'plain', annotations: {} } }),
      ).toBe(false);
      expect(tester.get(EntityCardBlueprint.dataRefs.type)).toBe('content');
    }
  });

  it('lazy-loads the overview card', async () => {
    const api = { getOverview: jest.fn().mockResolvedValue(filledOverview) };
    await renderInTestApp(
      <TestApiProvider apis={[[argocdApiRef, api]]}>
        <EntityProvider entity={entity}>
          {createExtensionTester(argocdOverviewCard).reactElement()}
        </EntityProvider>
      </TestApiProvider>,
    );
    expect(
      // The card is imported lazily, which takes a while on a busy machine.
      await screen.findByTestId(
        'argocd-app-alpha-inventory',
        {},
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
  });

  it('adds an ArgoCD tab in the deployment group, only on entities with ArgoCD annotations', () => {
    const tester = createExtensionTester(argocdResourcesContent);
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('ArgoCD');
    expect(tester.get(EntityContentBlueprint.dataRefs.group)).toBe(
      'deployment',
    );
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction);
    expect(filter?.(entity)).toBe(true);
    expect(
      filter?.({ ...entity, metadata: { name: 'plain', annotations: {} } }),
    ).toBe(false);
  });
});
