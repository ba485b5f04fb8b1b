import type {
  ArgoCDApplicationResourcesResponse,
  ArgoCDResourceDiffResponse,
} from '@edp/plugin-argocd-common';

/** beta/inventory as the backend answers: the broken Deployment first, then its children. */
export const inventoryResources: ArgoCDApplicationResourcesResponse = {
  instance: 'beta',
  app: 'inventory',
  namespace: 'argocd',
  resources: [
    {
      group: 'apps',
      kind: 'Deployment',
      name: 'inventory',
      namespace: 'inventory',
      syncStatus: 'OutOfSync',
      healthStatus: 'Degraded',
      healthMessage: 'Deployment "inventory" exceeded its progress deadline',
      live: true,
    },
    {
      kind: 'Pod',
      name: 'inventory-5f7b-x2k8q',
      namespace: 'inventory',
      healthStatus: 'Degraded',
      healthMessage: 'back-off restarting failed container inventory',
      parent: 'ReplicaSet/inventory-5f7b',
      live: true,
    },
    {
      kind: 'Service',
      name: 'inventory',
      namespace: 'inventory',
      syncStatus: 'Synced',
      healthStatus: 'Healthy',
      live: true,
    },
  ],
  events: [
    {
      type: 'Warning',
      reason: 'ProgressDeadlineExceeded',
      message: 'Deployment "inventory" has timed out progressing',
      object: 'Deployment/inventory',
      count: 4,
      lastSeen: '2026-11-21T14:05:00Z',
    },
  ],
  errors: [],
  fetchedAt: '2026-11-21T14:06:00Z',
};

export const inventoryDiffs: ArgoCDResourceDiffResponse = {
  instance: 'beta',
  app: 'inventory',
  diffs: [
    {
      group: 'apps',
      kind: 'Deployment',
      name: 'inventory',
      namespace: 'inventory',
      modified: true,
      lines: [
        { op: ' ', text: '  "spec": {' },
        { op: '-', text: '    "replicas": 3,' },
        { op: '+', text: '    "replicas": 1,' },
        { op: ' ', text: '  }' },
      ],
    },
  ],
};
