import type { LoggerService } from '@backstage/backend-plugin-api';
import type { KubeClient } from '../kubernetes/KubeClient';
import type { Manifest } from '../kubernetes/manifests';
import { sleep, throwIfAborted } from '../kubernetes/readiness';
import type { ApplicationRef } from './waitForApplications';
import { ApplicationWaitError } from './waitForApplications';

interface Condition {
  type?: string;
  status?: string;
  message?: string;
}

/**
 * The Applications an ApplicationSet generated (those whose ownerReferences name it), once its
 * controller reports them up to date (`ResourcesUpToDate`) for the applied generation. An
 * `ErrorOccurred` condition fails with the controller's message.
 */
export async function generatedApplications(
  client: KubeClient,
  sets: Manifest[],
  options: {
    timeoutMs: number;
    logger: LoggerService;
    signal?: AbortSignal;
  },
): Promise<ApplicationRef[]> {
  const refs: ApplicationRef[] = [];
  const deadline = Date.now() + options.timeoutMs;
  for (const set of sets) {
    const ns = set.metadata.namespace!;
    for (;;) {
      throwIfAborted(options.signal);
      const live = await client.get(set);
      const conditions: Condition[] = live?.status?.conditions ?? [];
      const error = conditions.find(
        c => c.type === 'ErrorOccurred' && c.status === 'True',
      );
      const current =
        live?.status?.observedGeneration === undefined ||
        live.status.observedGeneration === live.metadata?.generation;
      if (error && current)
        throw new ApplicationWaitError(
          `ApplicationSet ${ns}/${set.metadata.name} failed: ArgoCD reports ${error.message}`,
          [],
        );
      if (
        current &&
        conditions.some(
          c => c.type === 'ResourcesUpToDate' && c.status === 'True',
        )
      ) {
        const uid = live!.metadata?.uid;
        const apps = (
          await client.list('argoproj.io/v1alpha1', 'Application', ns, '')
        ).filter(a =>
          (a.metadata?.ownerReferences ?? []).some(
            (r: { uid?: string }) => r.uid === uid,
          ),
        );
        options.logger.info(
          `ApplicationSet ${ns}/${set.metadata.name} generated ${
            apps.length
          } Application(s)${
            apps.length
              ? `: ${apps
                  .map(a => a.metadata!.name)
                  .sort()
                  .join(', ')}`
              : ''
          }`,
        );
        refs.push(
          ...apps.map(a => ({ name: a.metadata!.name!, namespace: ns })),
        );
        break;
      }
      if (Date.now() >= deadline)
        throw new ApplicationWaitError(
          `Timed out waiting for ApplicationSet ${ns}/${set.metadata.name} to generate its Applications`,
          [],
        );
      await sleep(250, options.signal);
    }
  }
  return refs;
}
