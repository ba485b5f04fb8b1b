/*
 * The limit of a stack rerun that changes nothing (bench.ts): the requests it cannot avoid, sent
 * straight to the stand-ins in the same run, so that both see the same machine load.
 */
import type { UrlReaderService } from '@backstage/backend-plugin-api';
import { limitOf, type BenchLimit } from '@edp/sandbox';
import type { ForgejoClient } from '@edp/plugin-forgejo-node';
import { KubeClient } from '../src/kubernetes/KubeClient';

export interface RerunLimitOptions {
  /** Where the stack is read from, when it is read through the URL reader (not the workspace). */
  stackUrl?: string;
  urlReader: UrlReaderService;
  /** A Forgejo client of its own (no action around it) and the host of the repositories. */
  forgejo: { client: ForgejoClient; host: string };
  kube: KubeClient;
  /** `owner/name` of each repository the stack pushes. */
  repositories: string[];
  /** The label selector of the stack's objects and the namespace of its Applications. */
  selector: string;
  namespace: string;
}

const ARGO = 'argoproj.io/v1alpha1';

/**
 * Times, in sequence: reading the stack; every repository's record and head commit (each pair in
 * sequence, repositories together); every Application and ApplicationSet of the stack read
 * together (a read is the least an unchanged apply costs); one list of the stack's Applications
 * (the status read). Returns a function that measures one such round.
 */
export async function rerunLimit(
  options: RerunLimitOptions,
): Promise<() => Promise<number>> {
  const { kube, forgejo, namespace, selector } = options;
  // Which objects the stack applies (the ones it wrote, not those its ApplicationSets generate).
  const objects = (
    await Promise.all(
      ['Application', 'ApplicationSet'].map(kind =>
        kube.list(ARGO, kind, namespace, selector),
      ),
    )
  )
    .flat()
    .filter(o => !o.metadata?.ownerReferences?.length)
    .map(o => ({
      apiVersion: ARGO,
      kind: o.kind!,
      metadata: { name: o.metadata!.name!, namespace },
    }));
  return async () => {
    const started = performance.now();
    if (options.stackUrl) {
      const tree = await options.urlReader.readTree(options.stackUrl);
      await tree.files();
    }
    await Promise.all(
      options.repositories.map(async fullName => {
        const [owner, repo] = fullName.split('/');
        const ref = { host: forgejo.host, owner, repo };
        const found = await forgejo.client.getRepository(ref);
        await forgejo.client.getHeadTreeSha(ref, found.default_branch!);
      }),
    );
    await Promise.all(objects.map(o => kube.get(o as any)));
    await kube.list(ARGO, 'Application', namespace, selector);
    return performance.now() - started;
  };
}

/** The limit a list of measured rounds gives (their median). */
export function medianLimit(rounds: number[], objects: string): BenchLimit {
  const sorted = [...rounds].sort((a, b) => a - b);
  return limitOf(
    sorted[Math.floor(sorted.length / 2)],
    `read the stack, then each repository and its head commit together, then ${objects} read together, then one Application list: 4 sequential rounds`,
  );
}
