import type { TestSandbox } from './sandbox';

/**
 * Writes an Application's status the way ArgoCD's controller does (status subresource),
 * through the Kubernetes stand-in's in-process API, so that wait tests control the timing.
 */
export function setApplicationStatus(
  sandbox: TestSandbox,
  name: string,
  sync: string,
  health: string,
  namespace = 'argocd',
) {
  const { cluster } = sandbox.standIns.get('kubernetes')!.state as any;
  const type = cluster.type('argoproj.io/v1alpha1', 'Application');
  const current = cluster.get(type, namespace, name);
  cluster.update(
    type,
    namespace,
    name,
    {
      ...current,
      status: {
        ...(current.status ?? {}),
        sync: { status: sync },
        health: { status: health },
      },
    },
    { subresource: 'status', fieldManager: 'argocd-application-controller' },
  );
}
