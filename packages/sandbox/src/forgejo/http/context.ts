import type { Response } from 'express';
import type { ForgejoStore, RepoRecord, UserRecord } from '../model';
import type { Links } from '../shapes/accounts';

/** What every route of the stand-in's API needs. */
export interface ApiContext {
  store: ForgejoStore;
  links: Links;
  /** Folder holding `<owner>/<repo>.git` bare repositories. */
  reposRoot: string;
  /** Server version reported by /version; older majors lose endpoints (see capabilities). */
  version: string;
  /** `forgejo` (default) or `gitea`: Gitea lacks /api/forgejo/v1. */
  flavor: 'forgejo' | 'gitea';
}

/** The authenticated account of this request (undefined = anonymous), set by the auth middleware. */
export const viewerOf = (res: Response): UserRecord | undefined =>
  res.locals.user;

/** The repository loaded by the /repos/:owner/:repo middleware. */
export const repoOf = (res: Response): RepoRecord => res.locals.repo;

export function majorVersion(ctx: ApiContext): number {
  return Number.parseInt(ctx.version, 10) || 0;
}
