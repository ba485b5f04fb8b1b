import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  GiteaIntegrationConfig,
  getGiteaRequestOptions,
  ScmIntegrations,
} from '@backstage/integration';

/** What the stack action needs to know about a repository. */
export interface RepoInfo {
  fullName: string;
  cloneUrl: string;
  htmlUrl: string;
  empty: boolean;
  defaultBranch: string;
}

function toRepoInfo(body: any): RepoInfo {
  return {
    fullName: body.full_name,
    cloneUrl: body.clone_url,
    htmlUrl: body.html_url,
    empty: Boolean(body.empty),
    defaultBranch: body.default_branch || 'main',
  };
}

/**
 * The few Forgejo (Gitea API) repository calls the stack action makes, with the credentials of
 * the `integrations.gitea` entry for the host. Tokens stay in headers; errors carry status and URL only.
 */
export class ForgejoRepos {
  static fromConfig(
    config: Config,
    host: string,
    signal?: AbortSignal,
  ): ForgejoRepos {
    const integration = ScmIntegrations.fromConfig(config).gitea.byHost(host);
    if (!integration) {
      const known = ScmIntegrations.fromConfig(config)
        .gitea.list()
        .map(i => i.config.host);
      throw new InputError(
        `Input "forgejoHost": no integrations.gitea entry for host "${host}"; configured hosts: ${
          known.join(', ') || '(none)'
        }`,
      );
    }
    return new ForgejoRepos(integration.config, signal);
  }

  constructor(
    private readonly config: GiteaIntegrationConfig,
    private readonly signal?: AbortSignal,
  ) {}

  get baseUrl(): string {
    return (this.config.baseUrl ?? `https://${this.config.host}`).replace(
      /\/+$/,
      '',
    );
  }

  /** Git over HTTP with Basic auth; Forgejo takes a token as the password whatever the username. */
  gitAuth(): { username: string; password: string } {
    if (!this.config.password) {
      throw new InputError(
        `integrations.gitea for "${this.config.host}" has no password or token; pushing needs one`,
      );
    }
    return {
      username: this.config.username ?? 'oauth2',
      password: this.config.password,
    };
  }

  /** The clone URL Forgejo gives a repository, known before it exists (for dry runs). */
  expectedCloneUrl(owner: string, name: string) {
    return `${this.baseUrl}/${owner}/${name}.git`;
  }

  private async request(
    method: string,
    apiPath: string,
    body?: unknown,
  ): Promise<Response> {
    const url = `${this.baseUrl}/api/v1${apiPath}`;
    const options = getGiteaRequestOptions(this.config) as {
      headers?: Record<string, string>;
    };
    try {
      return await fetch(url, {
        method,
        headers: {
          ...(options.headers ?? {}),
          'content-type': 'application/json',
          accept: 'application/json',
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: this.signal,
      });
    } catch (e) {
      if ((e as Error).name === 'AbortError') throw e;
      throw new Error(
        `Forgejo at ${
          this.baseUrl
        } could not be reached (${method} ${apiPath}): ${(e as Error).message}`,
      );
    }
  }

  private async json(res: Response, what: string): Promise<any> {
    const text = await res.text();
    try {
      return JSON.parse(text);
    } catch {
      throw new Error(
        `Forgejo at ${this.baseUrl} answered ${what} with HTTP ${res.status} and a body that is not JSON`,
      );
    }
  }

  private async fail(res: Response, what: string): Promise<never> {
    const text = await res.text().catch(() => '');
    let message = text.slice(0, 200);
    try {
      message = JSON.parse(text).message ?? message;
    } catch {
      // keep the raw (shortened) text
    }
    throw new Error(
      `Forgejo at ${this.baseUrl} failed to ${what}: HTTP ${res.status}${
        message ? ` ${message}` : ''
      }`,
    );
  }

  async getRepo(owner: string, name: string): Promise<RepoInfo | undefined> {
    const res = await this.request(
      'GET',
      `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(name)}`,
    );
    if (res.status === 404) return undefined;
    if (!res.ok) return this.fail(res, `read repository ${owner}/${name}`);
    return toRepoInfo(await this.json(res, `reading ${owner}/${name}`));
  }

  /** The git tree id at the head of `branch`, or undefined when the branch has no commit. */
  async headTreeSha(
    owner: string,
    name: string,
    branch: string,
  ): Promise<string | undefined> {
    const res = await this.request(
      'GET',
      `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(
        name,
      )}/git/commits/${encodeURIComponent(
        branch,
      )}?stat=false&verification=false&files=false`,
    );
    if (res.status === 404 || res.status === 409) return undefined;
    if (!res.ok) return this.fail(res, `read the head of ${owner}/${name}`);
    return (await this.json(res, `reading the head of ${owner}/${name}`))
      ?.commit?.tree?.sha;
  }

  /** Creates an empty repository under an organisation, or under the token's own user. */
  async createRepo(
    owner: string,
    name: string,
    description: string,
  ): Promise<RepoInfo> {
    const body = {
      name,
      description,
      private: false,
      auto_init: false,
      default_branch: 'main',
    };
    let res = await this.request(
      'POST',
      `/orgs/${encodeURIComponent(owner)}/repos`,
      body,
    );
    if (res.status === 404) {
      const user = await this.request('GET', '/user');
      const login = user.ok
        ? (await this.json(user, 'GET /user')).login
        : undefined;
      if (login !== owner) {
        throw new InputError(
          `Input "owner": "${owner}" is neither an organisation on ${this.baseUrl} nor the user of the integration token`,
        );
      }
      res = await this.request('POST', '/user/repos', body);
    }
    if (res.status === 409) {
      // Created meanwhile (a re-run after a crash): use it.
      const existing = await this.getRepo(owner, name);
      if (existing) return existing;
    }
    if (!res.ok) return this.fail(res, `create repository ${owner}/${name}`);
    return toRepoInfo(await this.json(res, `creating ${owner}/${name}`));
  }
}
