import { ConfigReader } from '@backstage/config';
import { startTestSandbox } from '@edp/sandbox';

export type TestSandbox = Awaited<ReturnType<typeof startTestSandbox>>;

/** The sandbox credentials (they exist only inside the sandbox, see app-config.sandbox.yaml). */
export const KUBE_TOKEN = 'sandbox-kube-token';
export const FORGEJO_TOKEN = 'sandbox-forgejo-token';

/** Backstage config pointing at a test sandbox, the way app-config.sandbox.yaml does. */
export function sandboxConfig(sandbox: TestSandbox) {
  const kube = sandbox.endpoints.kubernetes?.api;
  const forgejo =
    sandbox.endpoints.forgejo?.api ??
    Object.values(sandbox.endpoints.forgejo ?? {})[0];
  return new ConfigReader({
    ...(forgejo
      ? {
          integrations: {
            gitea: [
              {
                host: new URL(forgejo).host,
                baseUrl: forgejo,
                password: FORGEJO_TOKEN,
              },
            ],
          },
        }
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
