import type { z as zod } from 'zod/v3';

/** Shared zod fragments for the outputs of this module's actions. */

export const appliedObjects = (z: typeof zod) =>
  z.array(
    z.object({
      apiVersion: z.string(),
      kind: z.string(),
      namespace: z.string().optional(),
      name: z.string(),
      action: z.enum(['created', 'configured', 'unchanged']),
    }),
    { description: 'Every object applied, with what the apply did to it.' },
  );

export const applicationStates = (z: typeof zod) =>
  z.array(
    z.object({
      name: z.string(),
      namespace: z.string(),
      sync: z.string(),
      health: z.string(),
      message: z.string().optional(),
    }),
    {
      description:
        "ArgoCD Applications with their final sync and health status, and ArgoCD's newest condition message when there is one.",
    },
  );
