import type { z as zod } from 'zod/v3';

/** Shared zod fragments for the inputs of this module's actions. */

export const cluster = (z: typeof zod) =>
  z
    .string({
      description:
        'Name of the target cluster in kubernetes.clusterLocatorMethods (type: config). Optional when only one is configured.',
    })
    .optional();

export const timeoutSeconds = (z: typeof zod, fallback: number) =>
  z
    .number({
      description: `How long to wait, in seconds (default ${fallback}).`,
    })
    .int()
    .positive()
    .max(3600)
    .optional();

export const force = (z: typeof zod) =>
  z
    .boolean({
      description:
        'Take over fields owned by another field manager instead of failing with a conflict (server-side apply force).',
    })
    .optional();

export const labels = (z: typeof zod) =>
  z
    .record(z.string(), z.string(), {
      description: 'Labels to set on the object.',
    })
    .optional();

const manifestObject = (z: typeof zod) =>
  z.object({ apiVersion: z.string(), kind: z.string() }).passthrough();

export const manifests = (z: typeof zod) =>
  z
    .union([z.string(), manifestObject(z), z.array(manifestObject(z))], {
      description:
        'Manifests to apply: multi-document YAML text, one object, or a list of objects.',
    })
    .optional();

export const failureGraceSeconds = (z: typeof zod) =>
  z
    .number({
      description:
        "How long an Application may stay in error (ComparisonError, SyncError, failed sync) before the wait fails with ArgoCD's message, in seconds (default 30).",
    })
    .int()
    .min(0)
    .max(3600)
    .optional();

export const reportIntervalSeconds = (z: typeof zod) =>
  z
    .number({
      description:
        'How often the state of the Applications still waited for is logged, in seconds (default 5).',
    })
    .int()
    .positive()
    .max(600)
    .optional();
