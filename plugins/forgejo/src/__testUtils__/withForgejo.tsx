import type { ReactElement } from 'react';
import { TestApiProvider } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { type ForgejoApi, forgejoApiRef } from '../api';
import { paymentsEntity } from '../__fixtures__/payloads';

/** A ForgejoApi whose methods are jest mocks. */
export function mockForgejoApi(
  partial: Partial<ForgejoApi> = {},
): jest.Mocked<ForgejoApi> {
  return {
    getOverview: jest.fn(),
    getCiRuns: jest.fn(),
    getList: jest.fn(),
    getDispatchOptions: jest.fn(),
    dispatchWorkflow: jest.fn(),
    ...partial,
  } as jest.Mocked<ForgejoApi>;
}

/** Wraps a card in the API and entity context it needs. */
export function withForgejo(api: ForgejoApi, element: ReactElement) {
  return (
    <TestApiProvider apis={[[forgejoApiRef, api]]}>
      <EntityProvider entity={paymentsEntity}>{element}</EntityProvider>
    </TestApiProvider>
  );
}
