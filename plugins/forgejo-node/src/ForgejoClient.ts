import type { Config } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { ForgejoDispatchableWorkflow } from '@edp/plugin-forgejo-common';
import type {
  ForgejoApiOrganization,
  ForgejoApiUser,
  ForgejoCreatePullRequestRequest,
  ForgejoCreateRepositoryRequest,
  ForgejoApiActionRunList,
  ForgejoApiBranch,
  ForgejoApiContentsEntry,
  ForgejoApiDispatchWorkflowRun,
  ForgejoApiActionTaskList,
  ForgejoApiCombinedStatus,
  ForgejoApiCommit,
  ForgejoApiIssue,
  ForgejoApiLanguages,
  ForgejoApiPullRequest,
  ForgejoApiRelease,
  ForgejoApiRepository,
} from './apiTypes';
import { CiCapabilities, type CiListing } from './capabilities';
import {
  pushContent,
  type ForgejoPushRequest,
  type ForgejoPushResult,
} from './git/pushContent';
import { forgejoError, isForgejoError } from './errors';
import { ForgejoHosts, type ForgejoRepoRef } from './hosts';
import {
  ForgejoHttp,
  type ForgejoRequestOptions,
  type ForgejoResponse,
} from './http';
import {
  FORGEJO_MAX_PAGE_SIZE,
  normalizePage,
  readTotalCount,
  toPagedResult,
  type PageRequest,
  type PagedResult,
} from './pagination';
import {
  FORGEJO_WORKFLOW_DIRECTORIES,
  isWorkflowFile,
  parseDispatchableWorkflow,
} from './workflows';

/**
 * The workflows of a ref that can be started by hand, and the workflow files that could not be read.
 * @public
 */
export interface ForgejoDispatchableWorkflows {
  /** The folder Forgejo reads workflows from at this ref; undefined when there is none. */
  directory?: string;
  workflows: ForgejoDispatchableWorkflow[];
  unreadable: Array<{ path: string; message: string }>;
}

/** What Forgejo answered to a dispatch (run id and number from Forgejo 12+, nothing before). @public */
export interface ForgejoDispatchedRun {
  runId?: number;
  runNumber?: number;
  jobs?: string[];
}

/** @public */
export interface ForgejoClientOptions {
  /** Default timeout of one upstream call; 10 s unless set. */
  requestTimeoutMs?: number;
  /** Upstream calls in flight per host; 8 unless set. */
  maxConcurrentRequestsPerHost?: number;
  /** For tests and benchmarks that count calls. */
  fetch?: typeof fetch;
  logger?: LoggerService;
}

/** Per-call options of the typed methods. @public */
export type ForgejoCallOptions = Pick<
  ForgejoRequestOptions,
  'signal' | 'timeoutMs' | 'token'
>;

const enc = encodeURIComponent;

/** Resolves to `fallback` when Forgejo answers 404 (a documented "none" for the callers using it). */
async function notFoundAs<T, F>(call: Promise<T>, fallback: F): Promise<T | F> {
  try {
    return await call;
  } catch (e) {
    if (isForgejoError(e) && e.code === 'NOT_FOUND') return fallback;
    throw e;
  }
}
const repoPath = (ref: ForgejoRepoRef) =>
  `/repos/${enc(ref.owner)}/${enc(ref.repo)}`;

/**
 * Typed client of Forgejo for every host in `integrations.gitea`: the REST API (v1) and git pushes.
 * It reads, and writes only where a caller has already checked a permission (dispatching a
 * workflow, publishing a repository, provisioning a stack). Every failure is a ForgejoError.
 * @public
 */
export class ForgejoClient {
  readonly hosts: ForgejoHosts;
  private readonly http: ForgejoHttp;
  private readonly ci: CiCapabilities;

  static fromConfig(
    config: Config,
    options: ForgejoClientOptions = {},
  ): ForgejoClient {
    const forgejo = config.getOptionalConfig('forgejo');
    return new ForgejoClient(ScmIntegrations.fromConfig(config), {
      requestTimeoutMs: forgejo?.getOptionalNumber('requestTimeoutMs'),
      maxConcurrentRequestsPerHost: forgejo?.getOptionalNumber(
        'maxConcurrentRequestsPerHost',
      ),
      ...options,
    });
  }

  constructor(
    integrations: ScmIntegrations,
    options: ForgejoClientOptions = {},
  ) {
    this.hosts = new ForgejoHosts(integrations);
    this.http = new ForgejoHttp({
      timeoutMs: options.requestTimeoutMs ?? 10_000,
      maxConcurrentRequestsPerHost: options.maxConcurrentRequestsPerHost ?? 8,
      fetch: options.fetch ?? globalThis.fetch,
    });
    this.ci = new CiCapabilities(this, options.logger);
  }

  /** The repository an entity points at (annotations, then source location); throws ForgejoError. */
  resolveRepo(entity: Entity): ForgejoRepoRef {
    return this.hosts.resolveEntity(entity);
  }

  /** Web URL of a repository (for links). */
  webUrl(ref: ForgejoRepoRef, suffix = ''): string {
    return `${this.hosts.get(ref.host).webBaseUrl}/${enc(ref.owner)}/${enc(
      ref.repo,
    )}${suffix}`;
  }

  /** Low-level GET against a configured host; `path` is relative to `/api/v1`. */
  get<T>(
    host: string,
    path: string,
    options?: ForgejoRequestOptions,
  ): Promise<ForgejoResponse<T>> {
    return this.http.get<T>(this.hosts.get(host), path, options);
  }

  async getRepository(ref: ForgejoRepoRef, options?: ForgejoCallOptions) {
    return (
      await this.get<ForgejoApiRepository>(ref.host, repoPath(ref), options)
    ).data;
  }

  async getLanguages(ref: ForgejoRepoRef, options?: ForgejoCallOptions) {
    return (
      await this.get<ForgejoApiLanguages>(
        ref.host,
        `${repoPath(ref)}/languages`,
        options,
      )
    ).data;
  }

  /** Commits of a ref (default branch when `sha` is absent), without the expensive stat/verification/files. */
  listCommits(
    ref: ForgejoRepoRef,
    request: PageRequest & { sha?: string } = {},
    options?: ForgejoCallOptions,
  ): Promise<PagedResult<ForgejoApiCommit>> {
    return this.list(ref.host, `${repoPath(ref)}/commits`, request, options, {
      sha: request.sha,
      stat: false,
      verification: false,
      files: false,
    });
  }

  async getCombinedStatus(
    ref: ForgejoRepoRef,
    commitRef: string,
    options?: ForgejoCallOptions,
  ) {
    const path = `${repoPath(ref)}/commits/${enc(commitRef)}/status`;
    return (
      await this.get<ForgejoApiCombinedStatus>(ref.host, path, {
        ...options,
        query: { limit: 50 },
      })
    ).data;
  }

  /** The latest published release, or undefined when the repository has none (Forgejo answers 404). */
  getLatestRelease(ref: ForgejoRepoRef, options?: ForgejoCallOptions) {
    return notFoundAs(
      this.get<ForgejoApiRelease>(
        ref.host,
        `${repoPath(ref)}/releases/latest`,
        options,
      ).then(res => res.data),
      undefined,
    );
  }

  listReleases(
    ref: ForgejoRepoRef,
    request: PageRequest = {},
    options?: ForgejoCallOptions,
  ) {
    return this.list<ForgejoApiRelease>(
      ref.host,
      `${repoPath(ref)}/releases`,
      request,
      options,
      {
        draft: false,
      },
    );
  }

  listPullRequests(
    ref: ForgejoRepoRef,
    request: PageRequest & { state?: 'open' | 'closed' | 'all' } = {},
    options?: ForgejoCallOptions,
  ) {
    return this.list<ForgejoApiPullRequest>(
      ref.host,
      `${repoPath(ref)}/pulls`,
      request,
      options,
      {
        state: request.state ?? 'open',
        sort: 'recentupdate',
      },
    );
  }

  /** Issues only (`type=issues`): Forgejo's issue list also holds pull requests otherwise. */
  listIssues(
    ref: ForgejoRepoRef,
    request: PageRequest & { state?: 'open' | 'closed' | 'all' } = {},
    options?: ForgejoCallOptions,
  ) {
    return this.list<ForgejoApiIssue>(
      ref.host,
      `${repoPath(ref)}/issues`,
      request,
      options,
      {
        state: request.state ?? 'open',
        type: 'issues',
      },
    );
  }

  async listActionRuns(
    ref: ForgejoRepoRef,
    request: PageRequest = {},
    options?: ForgejoCallOptions,
  ) {
    const { page, limit } = normalizePage(request);
    const res = await this.get<ForgejoApiActionRunList>(
      ref.host,
      `${repoPath(ref)}/actions/runs`,
      {
        ...options,
        query: { page, limit },
      },
    );
    return res.data;
  }

  async listActionTasks(
    ref: ForgejoRepoRef,
    request: PageRequest = {},
    options?: ForgejoCallOptions,
  ) {
    const { page, limit } = normalizePage(request);
    const res = await this.get<ForgejoApiActionTaskList>(
      ref.host,
      `${repoPath(ref)}/actions/tasks`,
      {
        ...options,
        query: { page, limit },
      },
    );
    return res.data;
  }

  /**
   * One page of an organisation's repositories, as far as the host's credentials can see them
   * (`GET /orgs/{org}/repos`; limit capped at Forgejo's maximum of 50), with the server's Date
   * header: Forgejo's own clock, to compare with the `updated_at` it wrote.
   */
  async listOrganizationRepositories(
    host: string,
    org: string,
    request: PageRequest = {},
    options?: ForgejoCallOptions,
  ): Promise<PagedResult<ForgejoApiRepository> & { serverDate?: string }> {
    const { page, limit } = normalizePage(request, FORGEJO_MAX_PAGE_SIZE);
    const path = `/orgs/${enc(org)}/repos`;
    const res = await this.get<ForgejoApiRepository[]>(host, path, {
      ...options,
      query: { page, limit },
    });
    const items = this.expectList(host, path, res.data);
    const serverDate = res.headers.get('date') ?? undefined;
    return {
      ...toPagedResult(items, page, limit, readTotalCount(res.headers)),
      ...(serverDate ? { serverDate } : {}),
    };
  }

  /**
   * Whether `path` is a file on `branch` (`GET /repos/{o}/{r}/contents/{path}?ref=`): false when
   * Forgejo answers 404 or the path is a directory; other failures throw.
   */
  hasFile(
    ref: ForgejoRepoRef,
    path: string,
    branch: string,
    options?: ForgejoCallOptions,
  ): Promise<boolean> {
    const filePath = path.split('/').map(enc).join('/');
    return notFoundAs(
      this.get<{ type?: string } | unknown[]>(
        ref.host,
        `${repoPath(ref)}/contents/${filePath}`,
        { ...options, query: { ref: branch } },
      ).then(res => !Array.isArray(res.data) && res.data?.type === 'file'),
      false,
    );
  }

  /** One page of the repository's branches (`GET /branches`). */
  listBranches(
    ref: ForgejoRepoRef,
    request: PageRequest = {},
    options?: ForgejoCallOptions,
  ): Promise<PagedResult<ForgejoApiBranch>> {
    return this.list<ForgejoApiBranch>(
      ref.host,
      `${repoPath(ref)}/branches`,
      request,
      options,
      {},
      FORGEJO_MAX_PAGE_SIZE,
    );
  }

  /** Whether `branch` is a branch of the repository (`GET /branches/{branch}`; 404 is false). */
  hasBranch(
    ref: ForgejoRepoRef,
    branch: string,
    options?: ForgejoCallOptions,
  ): Promise<boolean> {
    return notFoundAs(
      this.get<ForgejoApiBranch>(
        ref.host,
        `${repoPath(ref)}/branches/${branch.split('/').map(enc).join('/')}`,
        options,
      ).then(() => true),
      false,
    );
  }

  /**
   * The workflows at `gitRef` that have an `on.workflow_dispatch` trigger, with their inputs. Reads
   * the folder Forgejo reads (the first of .forgejo/.gitea/.github `workflows` that exists), then each
   * of its YAML files through `GET /contents/{path}?ref=`. Forgejo has no API listing workflows.
   */
  async listDispatchableWorkflows(
    ref: ForgejoRepoRef,
    gitRef: string,
    options?: ForgejoCallOptions,
  ): Promise<ForgejoDispatchableWorkflows> {
    for (const directory of FORGEJO_WORKFLOW_DIRECTORIES) {
      const listing = await notFoundAs(
        this.contents(ref, directory, gitRef, options),
        undefined,
      );
      if (!Array.isArray(listing)) continue;
      const files = listing.filter(
        e => e.type === 'file' && e.name && isWorkflowFile(e.name),
      );
      const read = await Promise.all(
        files.map(async entry => {
          const path = entry.path ?? `${directory}/${entry.name}`;
          const file = await this.contents(ref, path, gitRef, options);
          const text =
            !Array.isArray(file) && file.encoding === 'base64' && file.content
              ? Buffer.from(file.content, 'base64').toString('utf8')
              : '';
          try {
            return { workflow: parseDispatchableWorkflow(path, text) };
          } catch (e) {
            return { unreadable: { path, message: (e as Error).message } };
          }
        }),
      );
      return {
        directory,
        workflows: read.flatMap(r => (r.workflow ? [r.workflow] : [])),
        unreadable: read.flatMap(r => (r.unreadable ? [r.unreadable] : [])),
      };
    }
    return { workflows: [], unreadable: [] };
  }

  /**
   * Starts a `workflow_dispatch` run (`POST /actions/workflows/{workflow}/dispatches`) with the host's
   * credentials. Asks for the run's id (`return_run_info`, Forgejo 12+); older servers answer 204.
   * Forgejo's refusals (404 unknown workflow or ref, 400 missing input) come back as ForgejoError.
   */
  async dispatchWorkflow(
    ref: ForgejoRepoRef,
    workflow: string,
    request: { ref: string; inputs?: Record<string, string> },
    options?: ForgejoCallOptions,
  ): Promise<ForgejoDispatchedRun> {
    const res = await this.http.write<ForgejoApiDispatchWorkflowRun>(
      'POST',
      this.hosts.get(ref.host),
      `${repoPath(ref)}/actions/workflows/${enc(workflow)}/dispatches`,
      {
        ref: request.ref,
        inputs: request.inputs ?? {},
        return_run_info: true,
      },
      options,
    );
    return {
      runId: res.data?.id,
      runNumber: res.data?.run_number,
      jobs: res.data?.jobs,
    };
  }

  /** The account the host's credentials (or `options.token`) belong to (`GET /user`). */
  async getAuthenticatedUser(
    host: string,
    options?: ForgejoCallOptions,
  ): Promise<ForgejoApiUser & { login: string }> {
    const { data } = await this.get<ForgejoApiUser>(host, '/user', options);
    if (typeof data.login !== 'string') {
      throw forgejoError(
        'INVALID_RESPONSE',
        `Forgejo at ${host} answered /user without a login.`,
        { host },
      );
    }
    return { ...data, login: data.login };
  }

  /** The organisation, or undefined when there is none of that name (`GET /orgs/{org}`). */
  findOrganization(
    host: string,
    name: string,
    options?: ForgejoCallOptions,
  ): Promise<ForgejoApiOrganization | undefined> {
    return notFoundAs(
      this.get<ForgejoApiOrganization>(
        host,
        `/orgs/${enc(name)}`,
        options,
      ).then(res => res.data),
      undefined,
    );
  }

  /** The user, or undefined when there is none of that name (`GET /users/{name}`). */
  findUser(
    host: string,
    name: string,
    options?: ForgejoCallOptions,
  ): Promise<ForgejoApiUser | undefined> {
    return notFoundAs(
      this.get<ForgejoApiUser>(host, `/users/${enc(name)}`, options).then(
        res => res.data,
      ),
      undefined,
    );
  }

  /** The repository, or undefined when it does not exist or the credentials cannot see it. */
  findRepository(
    ref: ForgejoRepoRef,
    options?: ForgejoCallOptions,
  ): Promise<ForgejoApiRepository | undefined> {
    return notFoundAs(this.getRepository(ref, options), undefined);
  }

  /**
   * The git tree id at the head of `gitRef` (`GET /git/commits/{ref}`), or undefined when the ref
   * has no commit (404, or 409 for an empty repository). Equal ids mean equal content.
   */
  async getHeadTreeSha(
    ref: ForgejoRepoRef,
    gitRef: string,
    options?: ForgejoCallOptions,
  ): Promise<string | undefined> {
    try {
      const { data } = await this.get<ForgejoApiCommit>(
        ref.host,
        `${repoPath(ref)}/git/commits/${enc(gitRef)}`,
        {
          ...options,
          query: { stat: false, verification: false, files: false },
        },
      );
      return data.commit?.tree?.sha;
    } catch (e) {
      if (
        isForgejoError(e) &&
        (e.code === 'NOT_FOUND' || e.code === 'EMPTY_REPOSITORY')
      )
        return undefined;
      throw e;
    }
  }

  /**
   * Creates an empty repository (no auto-init) in the organisation `owner`, or for the authenticated
   * user when `owner` is undefined. A taken name fails with a ConflictError (upstreamStatus 409), a
   * missing right with a NotAllowedError (403), an unknown organisation with a NotFoundError.
   */
  async createRepository(
    host: string,
    owner: string | undefined,
    request: ForgejoCreateRepositoryRequest,
    options?: ForgejoCallOptions,
  ): Promise<ForgejoApiRepository> {
    const path = owner ? `/orgs/${enc(owner)}/repos` : '/user/repos';
    return this.expectBody(
      host,
      path,
      await this.http.write<ForgejoApiRepository>(
        'POST',
        this.hosts.get(host),
        path,
        { ...request, auto_init: false },
        options,
      ),
    );
  }

  /** Replaces the repository's topics (`PUT /topics`). */
  async replaceTopics(
    ref: ForgejoRepoRef,
    topics: string[],
    options?: ForgejoCallOptions,
  ): Promise<void> {
    await this.http.write(
      'PUT',
      this.hosts.get(ref.host),
      `${repoPath(ref)}/topics`,
      { topics },
      options,
    );
  }

  /** Changes repository settings (`PATCH /repos/{o}/{r}`); only the description so far. */
  async editRepository(
    ref: ForgejoRepoRef,
    changes: { description?: string },
    options?: ForgejoCallOptions,
  ): Promise<void> {
    await this.http.write(
      'PATCH',
      this.hosts.get(ref.host),
      repoPath(ref),
      changes,
      options,
    );
  }

  /**
   * Opens a pull request inside one repository. When an open one already joins the two branches,
   * Forgejo's 409 comes back as a ConflictError (findOpenPullRequest finds that one).
   */
  async createPullRequest(
    ref: ForgejoRepoRef,
    request: ForgejoCreatePullRequestRequest,
    options?: ForgejoCallOptions,
  ): Promise<ForgejoApiPullRequest> {
    const path = `${repoPath(ref)}/pulls`;
    return this.expectBody(
      ref.host,
      path,
      await this.http.write<ForgejoApiPullRequest>(
        'POST',
        this.hosts.get(ref.host),
        path,
        request,
        options,
      ),
    );
  }

  /** The open pull request from `head` into `base`, looked up page by page. */
  async findOpenPullRequest(
    ref: ForgejoRepoRef,
    head: string,
    base: string,
    options?: ForgejoCallOptions,
  ): Promise<ForgejoApiPullRequest | undefined> {
    const limit = FORGEJO_MAX_PAGE_SIZE;
    for (let page = 1; ; page++) {
      const { items } = await this.listPullRequests(
        ref,
        { page, limit, state: 'open' },
        options,
      );
      const found = items.find(
        p => p.head?.ref === head && p.base?.ref === base,
      );
      if (found || items.length < limit) return found;
    }
  }

  /**
   * Makes a branch hold the files of a folder, through git over HTTP with the host's credentials
   * (or `as.token`; `as.username` names the account, which Forgejo checks for a password). At most
   * one commit, never a force push; see ForgejoPushRequest for the cases.
   */
  pushContent(
    host: string,
    request: ForgejoPushRequest,
    as: { token?: string; username?: string } = {},
  ): Promise<ForgejoPushResult | 'branch-exists'> {
    const { credentials } = this.hosts.get(host);
    const password = as.token ?? credentials?.password;
    if (!password) {
      throw forgejoError(
        'NOT_CONFIGURED',
        `integrations.gitea for "${host}" has no password or token; pushing needs one`,
        { host },
      );
    }
    const username =
      as.username ?? (as.token ? undefined : credentials?.username) ?? 'oauth2';
    return pushContent(request, { username, password });
  }

  private async contents(
    ref: ForgejoRepoRef,
    path: string,
    gitRef: string,
    options?: ForgejoCallOptions,
  ) {
    return (
      await this.get<ForgejoApiContentsEntry | ForgejoApiContentsEntry[]>(
        ref.host,
        `${repoPath(ref)}/contents/${path.split('/').map(enc).join('/')}`,
        { ...options, query: { ref: gitRef } },
      )
    ).data;
  }

  /**
   * Recent CI activity through the best API the host offers (`actions/runs`, else `actions/tasks`,
   * else the combined commit status of the default branch). The choice is made once per host.
   */
  listCi(
    ref: ForgejoRepoRef,
    request: { limit?: number; defaultBranch?: string } = {},
    options?: ForgejoCallOptions,
  ): Promise<CiListing> {
    return this.ci.list(ref, request, options);
  }

  /** The body of a write that must answer one (a created object). */
  private expectBody<T>(
    host: string,
    path: string,
    res: ForgejoResponse<T | undefined>,
  ): T {
    if (res.data === undefined) {
      throw forgejoError(
        'INVALID_RESPONSE',
        `Forgejo at ${host} answered ${path} with HTTP ${res.status} and no body.`,
        { host, upstreamStatus: res.status },
      );
    }
    return res.data;
  }

  /** The answer of a list endpoint, checked to be a list. */
  private expectList<T>(host: string, path: string, data: T[]): T[] {
    if (!Array.isArray(data)) {
      throw forgejoError(
        'INVALID_RESPONSE',
        `Forgejo at ${host} answered ${path} with an object where a list was expected.`,
        { host },
      );
    }
    return data;
  }

  /** One page of a list endpoint (`path` relative to `/api/v1`), checked to be a list. */
  private async list<T>(
    host: string,
    path: string,
    request: PageRequest,
    options: ForgejoCallOptions | undefined,
    query: Record<string, string | number | boolean | undefined>,
    defaultLimit?: number,
  ): Promise<PagedResult<T>> {
    const { page, limit } = normalizePage(request, defaultLimit);
    const res = await this.get<T[]>(host, path, {
      ...options,
      query: { ...query, page, limit },
    });
    const items = this.expectList(host, path, res.data);
    return toPagedResult(items, page, limit, readTotalCount(res.headers));
  }
}
