import { ConfigReader } from '@backstage/config';
import {
  forgejoIntegrationOf,
  SANDBOX_FORGEJO_TOKEN,
  startTestSandbox,
} from '@edp/sandbox';

export type TestSandbox = Awaited<ReturnType<typeof startTestSandbox>>;

/** The sandbox credentials (they exist only inside the sandbox, see app-config.sandbox.yaml). */
export const KUBE_TOKEN = 'sandbox-kube-token';
export const FORGEJO_TOKEN = SANDBOX_FORGEJO_TOKEN;

/** Backstage config pointing at a test sandbox, the way app-config.sandbox.yaml does. */
export function sandboxConfig(sandbox: TestSandbox) {
  const kube = sandbox.endpoints.kubernetes?.api;
  return new ConfigReader({
    ...(sandbox.endpoints.forgejo
      ? { integrations: { gitea: [forgejoIntegrationOf(sandbox)] } }
      : {}),
    kubernetes: {
      serviceLocatorMethod: { type: 'multiTenant' },
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: kube
            ? [
                {
                  name: 'sandbox',
                  url: kube,
                  authProvider: 'serviceAccount',
                  serviceAccountToken: KUBE_TOKEN,
                  skipTLSVerify: true,
                },
              ]
            : [],
        },
      ],
    },
  });
}

/** Stops a test sandbox (if it started); the ArgoCD reconciler ends its git work first. */
export async function stopSandbox(sandbox: TestSandbox | undefined) {
  await sandbox?.stop();
}
