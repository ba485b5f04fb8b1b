/**
 * Sandbox config for stack tests and the benchmark: the shipped seeds (the Forgejo stand-in's
 * `platform/stacks` holds the sample stacks of packages/sandbox/seeds/stacks), and an ArgoCD
 * instance `platform` whose Applications live in the Kubernetes stand-in and are reconciled there,
 * as in packages/sandbox/sandbox.yaml.
 */
export function stackSandboxConfig(options: { reconcileDelayMs: number }) {
  return {
    services_config: {
      kubernetes: { workloadDelayMs: 0 },
      argocd: {
        instances: {
          platform: {
            store: 'kubernetes',
            reconciler: {
              reconcileDelayMs: options.reconcileDelayMs,
              resyncIntervalMs: 60_000,
              fetchCacheMs: 0,
            },
            users: [{ username: 'admin', password: 'sandbox-argocd-password' }],
          },
        },
      },
    },
  } as any;
}
