import type { Entity } from '@backstage/catalog-model';
import {
  ARGOCD_ANNOTATION_APP_NAME,
  type ArgoCDHistoryResponse,
  type ArgoCDOverviewResponse,
} from '@edp/plugin-argocd-common';

export const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'inventory-service',
    namespace: 'default',
    annotations: { [ARGOCD_ANNOTATION_APP_NAME]: 'inventory' },
  },
  spec: { type: 'service', owner: 'team', lifecycle: 'production' },
};

const sha = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';

export const app = (
  instance: string,
  overrides: Record<string, unknown> = {},
) => ({
  type: 'application' as const,
  name: 'inventory',
  instance,
  namespace: 'argocd',
  destinationNamespace: 'inventory',
  project: 'default',
  syncStatus: 'Synced',
  healthStatus: 'Healthy',
  operationPhase: 'Succeeded',
  revision: sha,
  revisionUrl: `http://127.0.0.1:7101/platform/inventory-service/commit/${sha}`,
  lastSyncedAt: '2026-11-20T10:00:00Z',
  uiUrl: `https://${instance}.argocd.test/applications/argocd/inventory`,
  ...overrides,
});

export const filledOverview: ArgoCDOverviewResponse = {
  rows: [
    app('alpha'),
    app('beta', {
      syncStatus: 'OutOfSync',
      healthStatus: 'Degraded',
      drift: { outOfSyncResources: 2, since: '2026-11-15T14:55:00Z' },
    }),
  ],
  canSync: false,
  fetchedAt: '2026-11-20T10:00:00Z',
};

export const partialOverview: ArgoCDOverviewResponse = {
  rows: [
    app('alpha'),
    app('beta'),
    {
      type: 'error',
      instance: 'gamma',
      reason: 'timeout',
      message: 'ArgoCD instance "gamma" did not answer within 3000 ms',
    },
  ],
  canSync: true,
  fetchedAt: '2026-11-20T10:00:00Z',
};

export const history: ArgoCDHistoryResponse = {
  applications: [
    {
      name: 'payments-api-dev',
      instance: 'alpha',
      namespace: 'argocd',
      automatedSync: false,
      deployments: [2, 1, 0].map(id => ({
        id,
        revision: `rev-${id}`,
        deployedAt: `2026-11-0${id + 1}T10:00:00Z`,
      })),
    },
    {
      name: 'payments-api-prod',
      instance: 'beta',
      namespace: 'argocd',
      automatedSync: true,
      deployments: [1, 0].map(id => ({
        id,
        revision: `prod-${id}`,
        deployedAt: `2026-11-0${id + 1}T12:00:00Z`,
        automated: true,
      })),
    },
  ],
  errors: [],
  metadataLimit: 10,
  canRollback: false,
  fetchedAt: '2026-11-20T10:00:00Z',
};
