import type { OrgRecord, UserRecord } from '../model';

/** Where the stand-in is reachable; html/api links are built from it like Forgejo's ROOT_URL. */
export interface Links {
  baseUrl(): string;
}

export const api = (links: Links, path: string) =>
  `${links.baseUrl()}/api/v1${path}`;
export const html = (links: Links, path: string) => `${links.baseUrl()}${path}`;
const avatar = (links: Links, id: number) => html(links, `/avatars/${id}`);

/** structs.User. `viewer` sees the e-mail address of itself only when not admin (Forgejo hides others'). */
export function userJson(links: Links, user: UserRecord, viewer?: UserRecord) {
  const showEmail = !!viewer && (viewer.isAdmin || viewer.id === user.id);
  return {
    id: user.id,
    login: user.login,
    login_name: '',
    source_id: 0,
    full_name: user.fullName,
    email: showEmail ? user.email : `${user.login}@noreply.sandbox.local`,
    avatar_url: avatar(links, user.id),
    html_url: html(links, `/${user.login}`),
    language: '',
    is_admin: showEmail ? user.isAdmin : false,
    last_login: user.created,
    created: user.created,
    restricted: false,
    active: true,
    prohibit_login: false,
    location: '',
    pronouns: '',
    website: '',
    description: '',
    visibility: 'public',
    followers_count: 0,
    following_count: 0,
    starred_repos_count: 0,
  };
}

/** structs.Organization */
export function orgJson(links: Links, org: OrgRecord) {
  return {
    id: org.id,
    name: org.name,
    username: org.name,
    full_name: org.fullName,
    email: '',
    avatar_url: avatar(links, org.id),
    description: org.description,
    website: org.website,
    location: org.location,
    visibility: 'public',
    repo_admin_change_team_access: false,
  };
}

/** An organisation seen through the users API (Forgejo stores organisations as users). */
export function orgAsUserJson(links: Links, org: OrgRecord) {
  return {
    id: org.id,
    login: org.name,
    login_name: '',
    source_id: 0,
    full_name: org.fullName,
    // Forgejo sends "" here; the spec declares an e-mail format, so the stand-in sends a no-reply address.
    email: `${org.name.toLowerCase()}@noreply.sandbox.local`,
    avatar_url: avatar(links, org.id),
    html_url: html(links, `/${org.name}`),
    language: '',
    is_admin: false,
    last_login: '0001-01-01T00:00:00Z',
    created: org.created,
    restricted: false,
    active: false,
    prohibit_login: false,
    location: org.location,
    pronouns: '',
    website: org.website,
    description: org.description,
    visibility: 'public',
    followers_count: 0,
    following_count: 0,
    starred_repos_count: 0,
  };
}
