import { ResponseError } from '@backstage/errors';
import type { GiteaIntegrationConfig } from '@backstage/integration';

/** The parts of Forgejo's `Repository` this action reads. */
export interface ForgejoRepository {
  full_name: string;
  html_url: string;
  clone_url: string;
  default_branch: string;
  empty: boolean;
  archived: boolean;
  description: string;
  permissions?: { push?: boolean };
}

export interface CreateRepositoryRequest {
  name: string;
  description?: string;
  private: boolean;
  default_branch: string;
}

/** The parts of Forgejo's `PullRequest` this action reads. */
export interface ForgejoPullRequest {
  number: number;
  html_url: string;
  head: { ref: string };
  base: { ref: string };
}

export interface CreatePullRequestRequest {
  head: string;
  base: string;
  title: string;
  body: string;
}

/** Credentials for one host: a token (Forgejo `token` scheme) or Basic with a user name. */
export interface ForgejoCredentials {
  username?: string;
  secret: string;
}

/**
 * The few write-side calls publish:forgejo needs, authenticated with the integration's credentials.
 * Every call is a plain fetch against `<baseUrl>/api/v1`; `undefined` means 404.
 */
export class ForgejoRepoApi {
  private readonly apiBaseUrl: string;
  readonly webBaseUrl: string;

  constructor(
    config: GiteaIntegrationConfig,
    private readonly credentials: ForgejoCredentials,
    private readonly signal?: AbortSignal,
  ) {
    this.webBaseUrl = (config.baseUrl ?? `https://${config.host}`).replace(
      /\/+$/,
      '',
    );
    this.apiBaseUrl = `${this.webBaseUrl}/api/v1`;
  }

  private authorization(): string {
    const { username, secret } = this.credentials;
    return username
      ? `Basic ${Buffer.from(`${username}:${secret}`).toString('base64')}`
      : `token ${secret}`;
  }

  private async call(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<Response> {
    return fetch(`${this.apiBaseUrl}${path}`, {
      method,
      headers: {
        Authorization: this.authorization(),
        Accept: 'application/json',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: this.signal,
    });
  }

  private async json<T>(res: Response): Promise<T> {
    if (!res.ok) throw await ResponseError.fromResponse(res);
    return (await res.json()) as T;
  }

  private async optional<T>(res: Response): Promise<T | undefined> {
    if (res.status === 404) return undefined;
    return this.json<T>(res);
  }

  /** The account the credentials belong to. */
  async currentUser(): Promise<{ login: string }> {
    return this.json(await this.call('GET', '/user'));
  }

  async organization(name: string): Promise<{ name: string } | undefined> {
    return this.optional(
      await this.call('GET', `/orgs/${encodeURIComponent(name)}`),
    );
  }

  async user(name: string): Promise<{ login: string } | undefined> {
    return this.optional(
      await this.call('GET', `/users/${encodeURIComponent(name)}`),
    );
  }

  async repository(
    owner: string,
    repo: string,
  ): Promise<ForgejoRepository | undefined> {
    return this.optional(
      await this.call(
        'GET',
        `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}`,
      ),
    );
  }

  async branchExists(
    owner: string,
    repo: string,
    branch: string,
  ): Promise<boolean> {
    const res = await this.call(
      'GET',
      `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(
        repo,
      )}/branches/${encodeURIComponent(branch)}`,
    );
    if (res.status === 404) return false;
    await this.json(res);
    return true;
  }

  /**
   * Creates a repository under an organisation or, when `owner` is undefined, under the authenticated
   * user. Returns `conflict` when the name is taken (Forgejo's 409), `forbidden` without the right (403).
   */
  async createRepository(
    owner: string | undefined,
    request: CreateRepositoryRequest,
  ): Promise<ForgejoRepository | 'conflict' | 'forbidden'> {
    const path = owner
      ? `/orgs/${encodeURIComponent(owner)}/repos`
      : '/user/repos';
    const res = await this.call('POST', path, { ...request, auto_init: false });
    if (res.status === 409) return 'conflict';
    if (res.status === 403) return 'forbidden';
    return this.json(res);
  }

  async replaceTopics(
    owner: string,
    repo: string,
    topics: string[],
  ): Promise<void> {
    const res = await this.call(
      'PUT',
      `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/topics`,
      { topics },
    );
    if (!res.ok) throw await ResponseError.fromResponse(res);
  }

  /**
   * Opens a pull request inside one repository. Returns `exists` when an open pull request already
   * joins the two branches (Forgejo's 409), so that a retried task can pick that one up.
   */
  async createPullRequest(
    owner: string,
    repo: string,
    request: CreatePullRequestRequest,
  ): Promise<ForgejoPullRequest | 'exists'> {
    const res = await this.call(
      'POST',
      `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/pulls`,
      request,
    );
    if (res.status === 409) return 'exists';
    return this.json(res);
  }

  /** The open pull request from `head` into `base`, looked up page by page. */
  async findOpenPullRequest(
    owner: string,
    repo: string,
    head: string,
    base: string,
  ): Promise<ForgejoPullRequest | undefined> {
    const limit = 50;
    for (let page = 1; ; page++) {
      const pulls = await this.json<ForgejoPullRequest[]>(
        await this.call(
          'GET',
          `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(
            repo,
          )}/pulls?state=open&limit=${limit}&page=${page}`,
        ),
      );
      const found = pulls.find(p => p.head.ref === head && p.base.ref === base);
      if (found || pulls.length < limit) return found;
    }
  }

  async editRepository(
    owner: string,
    repo: string,
    changes: { description?: string },
  ): Promise<void> {
    await this.json(
      await this.call(
        'PATCH',
        `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}`,
        changes,
      ),
    );
  }
}
