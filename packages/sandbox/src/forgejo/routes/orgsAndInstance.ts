import type { Router } from 'express';
import { asyncRouter } from '../http/asyncRouter';
import type { OrgRecord } from '../model';
import { orgJson, userJson } from '../shapes/accounts';
import { notFound, sendError } from '../http/errors';
import { paginate } from '../http/pagination';
import { type ApiContext, viewerOf } from '../http/context';
import { GIT_TREES_PER_PAGE } from './gitData';
import { DEFAULT_LIMIT, MAX_LIMIT } from '../http/pagination';

/**
 * /user/orgs, /users/{u}/orgs, /orgs/{org}/members, /orgs/{org}/teams, /settings/api, /nodeinfo.
 * Memberships are private, as Forgejo's default: only members (and admins) see an organisation's
 * members and teams; every organisation has the "Owners" team Forgejo creates with it.
 */
export function orgsAndInstanceRoutes(ctx: ApiContext): Router {
  const router = asyncRouter();
  const { store, links } = ctx;

  const orgsOf = (login: string) =>
    [...store.orgs.values()]
      .filter(o => o.members.some(m => m.toLowerCase() === login.toLowerCase()))
      .sort((a, b) => a.name.localeCompare(b.name));

  router.get('/user/orgs', (req, res) => {
    const viewer = viewerOf(res);
    if (!viewer) return sendError(res, links, 401, 'token is required');
    return res.json(
      paginate(req, res, links, orgsOf(viewer.login)).map(o =>
        orgJson(links, o),
      ),
    );
  });

  router.get('/users/:username/orgs', (req, res) => {
    const user = store.user(req.params.username);
    if (!user)
      return sendError(
        res,
        links,
        404,
        `user redirect does not exist [name: ${req.params.username.toLowerCase()}]`,
      );
    const viewer = viewerOf(res);
    const visible = orgsOf(user.login).filter(
      o => viewer && (viewer.isAdmin || store.isMember(viewer, o.name)),
    );
    return res.json(
      paginate(req, res, links, visible).map(o => orgJson(links, o)),
    );
  });

  /** The organisation, when the viewer may see its members (a member or an admin). */
  const memberView = (org: string, res: any): OrgRecord | undefined => {
    const record = store.org(org);
    if (!record) {
      notFound(res, links);
      return undefined;
    }
    const viewer = viewerOf(res);
    if (!viewer || !(viewer.isAdmin || store.isMember(viewer, record.name))) {
      res.locals.outsider = true;
    }
    return record;
  };

  router.get('/orgs/:org/members', (req, res) => {
    const org = memberView(req.params.org, res);
    if (!org) return undefined;
    // Outsiders see public members only; the stand-in's memberships are all private.
    const logins = res.locals.outsider ? [] : org.members;
    const users = logins
      .map(l => store.user(l))
      .filter(u => !!u)
      .sort((a, b) => a!.login.localeCompare(b!.login));
    return res.json(
      paginate(req, res, links, users).map(u =>
        userJson(links, u!, viewerOf(res)),
      ),
    );
  });

  router.get('/orgs/:org/teams', (req, res) => {
    const org = memberView(req.params.org, res);
    if (!org) return undefined;
    if (res.locals.outsider)
      return sendError(res, links, 403, 'Must be an organization member');
    const units = [
      'repo.code',
      'repo.issues',
      'repo.ext_issues',
      'repo.wiki',
      'repo.ext_wiki',
      'repo.pulls',
      'repo.releases',
      'repo.projects',
      'repo.packages',
      'repo.actions',
    ];
    return res.json(
      paginate(req, res, links, [
        {
          id: org.id * 1000 + 1,
          name: 'Owners',
          description: '',
          organization: orgJson(links, org),
          includes_all_repositories: true,
          permission: 'owner',
          units,
          units_map: Object.fromEntries(units.map(u => [u, 'owner'])),
          can_create_org_repo: true,
        },
      ]),
    );
  });

  router.get('/settings/api', (_req, res) => {
    res.json({
      max_response_items: MAX_LIMIT,
      default_paging_num: DEFAULT_LIMIT,
      default_git_trees_per_page: GIT_TREES_PER_PAGE,
      default_max_blob_size: 10 * 1024 * 1024,
    });
  });

  router.get('/nodeinfo', (_req, res) => {
    const repos = [...store.repos.values()];
    res.json({
      version: '2.1',
      software: {
        name: ctx.flavor,
        version: ctx.version,
        repository:
          ctx.flavor === 'forgejo'
            ? 'https://codeberg.org/forgejo/forgejo.git'
            : 'https://github.com/go-gitea/gitea.git',
        homepage:
          ctx.flavor === 'forgejo'
            ? 'https://forgejo.org/'
            : 'https://gitea.com/',
      },
      protocols: ['activitypub'],
      services: { inbound: [], outbound: ['rss2.0'] },
      openRegistrations: false,
      usage: {
        users: {
          total: store.users.size,
          activeHalfyear: store.users.size,
          activeMonth: store.users.size,
        },
        localPosts: repos.reduce((n, r) => n + r.issues.length, 0),
        localComments: repos.reduce(
          (n, r) => n + r.issues.reduce((m, i) => m + i.comments, 0),
          0,
        ),
      },
      metadata: {},
    });
  });

  return router;
}
