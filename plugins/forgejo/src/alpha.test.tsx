import * as testUtils from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import * as catalogAlpha from '@backstage/plugin-catalog-react/alpha';
import plugin, { isForgejoAvailable } from './index';
import { forgejoOverviewCard, forgejoEntityContent } from './alpha';
import { overview, paymentsEntity } from './__fixtures__/payloads';
import { mockForgejoApi, withForgejo } from './__testUtils__/withForgejo';

const { createExtensionTester, renderInTestApp } = testUtils;
const { EntityCardBlueprint, EntityContentBlueprint } = catalogAlpha;

describe('forgejo frontend plugin', () => {
  it('is the default export, as feature discovery requires', () => {
    expect(plugin.$$type).toBe('@backstage/FrontendPlugin');
    expect(plugin.id).toBe('forgejo');
  });

  it('renders the overview card extension lazily', async () => {
    const api = mockForgejoApi({
      getOverview: jest.fn().mockResolvedValue(overview),
    });
    await renderInTestApp(
      withForgejo(
        api,
        createExtensionTester(forgejoOverviewCard).reactElement(),
      ),
    );
    expect(
      await screen.findByText('Takes payments for the shop.'),
    ).toBeInTheDocument();
  });

  it('puts the overview card in the main column, where nothing cuts it off', () => {
    const tester = createExtensionTester(forgejoOverviewCard);
    expect(tester.get(EntityCardBlueprint.dataRefs.type)).toBe('content');
  });

  it('offers the Forgejo tab at /forgejo', () => {
    const tester = createExtensionTester(forgejoEntityContent);
    expect(tester.get(coreExtensionData.routePath)).toBe('/forgejo');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('Forgejo');
  });

  it('applies only to entities with a Forgejo repository', () => {
    expect(isForgejoAvailable(paymentsEntity)).toBe(true);
    expect(
      isForgejoAvailable({ ...paymentsEntity, metadata: { name: 'x' } }),
    ).toBe(false);
  });
});
