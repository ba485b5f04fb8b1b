import fs from 'node:fs';
import path from 'node:path';
import { AuthorizeResult } from '@backstage/plugin-permission-common';

/** packages/sandbox/seeds/stacks: the sample stacks seeded into platform/stacks. */
export const SAMPLE_STACKS = path.resolve(
  __dirname,
  '../../../../packages/sandbox/seeds/stacks',
);

/** Copies a sample stack into `dir` (e.g. a task workspace) and returns the copy's path. */
export function copySampleStack(name: string, dir: string, as = name): string {
  const target = path.join(dir, as);
  fs.cpSync(path.join(SAMPLE_STACKS, name), target, { recursive: true });
  return target;
}

/** A PermissionsService answering every request with `result`. */
export function permissionsAnswering(
  result: AuthorizeResult.ALLOW | AuthorizeResult.DENY,
) {
  return {
    authorize: jest.fn(async (requests: unknown[]) =>
      requests.map(() => ({ result })),
    ),
    authorizeConditional: jest.fn(),
  } as any;
}

/** A URL reader that must not be used (workspace stacks). */
export const noUrlReader = {
  readUrl: jest.fn(),
  readTree: jest.fn(),
  search: jest.fn(),
} as any;
