import * as k8s from '@kubernetes/client-node';

/** A client-node KubeConfig for the stand-in's plain-HTTP endpoint with a bearer token (tests only). */
export function kubeConfigFor(
  server: string,
  token = 'sandbox-kube-token',
): k8s.KubeConfig {
  const kc = new k8s.KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'sandbox', server, skipTLSVerify: true }],
    users: [{ name: 'edp', token }],
    contexts: [
      {
        name: 'sandbox',
        cluster: 'sandbox',
        user: 'edp',
        namespace: 'default',
      },
    ],
    currentContext: 'sandbox',
  });
  return kc;
}

/** The Status body of a failed client-node call. */
export async function statusOf(
  call: Promise<unknown>,
): Promise<Record<string, any>> {
  try {
    await call;
  } catch (e) {
    const body = (e as { body?: unknown }).body;
    return typeof body === 'string'
      ? JSON.parse(body)
      : (body as Record<string, any>);
  }
  throw new Error('expected the call to fail');
}
