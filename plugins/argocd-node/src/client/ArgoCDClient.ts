import type { ArgoCDInstanceConfig } from '../config';
import { ArgoCDError } from '../errors';
import { discard, InstanceErrors, readJson, untilAborted } from './responses';
import { parseLabelSelector } from '../selector';
import {
  APPLICATION_LIST_FIELDS,
  type ArgoCDApplication,
  type ArgoCDApplicationList,
  type ArgoCDApplicationQuery,
  type ArgoCDRevisionMetadata,
} from './types';
import type {
  ArgoCDApplicationTree,
  ArgoCDEvent,
  ArgoCDResourceDiff,
} from './resourceTypes';

/** Per-call options. @public */
export interface ArgoCDCallOptions {
  /** Aborts the call (it is also aborted after the instance's `timeoutMs`). */
  signal?: AbortSignal;
}

/** `?appNamespace=` for apps outside the control-plane namespace, else no query. */
const namespaced = (appNamespace?: string) =>
  new URLSearchParams(appNamespace ? { appNamespace } : {});

interface RequestSpec {
  method: 'GET' | 'POST' | 'PATCH';
  path: string;
  query?: URLSearchParams;
  body?: unknown;
}

/**
 * Talks to one ArgoCD instance with native fetch.
 * Session tokens (from `POST /api/v1/session`) are cached for the life of the client, shared by
 * concurrent calls, and renewed once when the server answers 401; static tokens are used as given.
 * Every call is bounded by the instance's timeout, login included.
 * @public
 */
export class ArgoCDClient {
  readonly instance: ArgoCDInstanceConfig;
  private readonly errors: InstanceErrors;
  private sessionToken?: Promise<string>;

  constructor(instance: ArgoCDInstanceConfig) {
    this.instance = instance;
    this.errors = new InstanceErrors(instance);
  }

  /** Lists applications with ArgoCD's own filters and the card projection. */
  async listApplications(
    query: ArgoCDApplicationQuery,
    options: ArgoCDCallOptions = {},
  ): Promise<ArgoCDApplication[]> {
    const params = new URLSearchParams();
    if (query.name) params.set('name', query.name);
    if (query.selector)
      params.set('selector', parseLabelSelector(query.selector));
    for (const project of query.projects ?? [])
      params.append('projects', project);
    if (query.appNamespace) params.set('appNamespace', query.appNamespace);
    params.set('fields', APPLICATION_LIST_FIELDS.join(','));
    const list = await this.call<ArgoCDApplicationList>(
      { method: 'GET', path: '/api/v1/applications', query: params },
      options,
    );
    if (
      list.items !== undefined &&
      list.items !== null &&
      !Array.isArray(list.items)
    ) {
      throw this.errors.invalid('the application list has no items array');
    }
    return list.items ?? [];
  }

  /** Reads the author, date and message of one revision of an application. */
  async getRevisionMetadata(
    app: string,
    revision: string,
    appNamespace?: string,
    options: ArgoCDCallOptions = {},
  ): Promise<ArgoCDRevisionMetadata> {
    const params = new URLSearchParams();
    if (appNamespace) params.set('appNamespace', appNamespace);
    return this.call(
      {
        method: 'GET',
        path: `/api/v1/applications/${encodeURIComponent(
          app,
        )}/revisions/${encodeURIComponent(revision)}/metadata`,
        query: params,
      },
      options,
    );
  }

  /** Starts a sync of the application to its target revision. */
  async syncApplication(
    app: string,
    appNamespace?: string,
    options: ArgoCDCallOptions = {},
  ): Promise<ArgoCDApplication> {
    return this.call(
      {
        method: 'POST',
        path: `/api/v1/applications/${encodeURIComponent(app)}/sync`,
        body: { name: app, ...(appNamespace ? { appNamespace } : {}) },
      },
      options,
    );
  }

  /** Asks ArgoCD to compare the application with Git again (a normal refresh). */
  async refreshApplication(
    app: string,
    appNamespace?: string,
    options: ArgoCDCallOptions = {},
  ): Promise<ArgoCDApplication> {
    const params = new URLSearchParams({ refresh: 'normal' });
    if (appNamespace) params.set('appNamespace', appNamespace);
    return this.call(
      {
        method: 'GET',
        path: `/api/v1/applications/${encodeURIComponent(app)}`,
        query: params,
      },
      options,
    );
  }

  /** The application's live objects and their children (`GET .../resource-tree`). */
  async getResourceTree(
    app: string,
    appNamespace?: string,
    options: ArgoCDCallOptions = {},
  ): Promise<ArgoCDApplicationTree> {
    return this.call(
      {
        method: 'GET',
        path: this.appPath(app, '/resource-tree'),
        query: namespaced(appNamespace),
      },
      options,
    );
  }

  /** Git's and the cluster's state of every managed resource (`GET .../managed-resources`). */
  async getManagedResources(
    app: string,
    appNamespace?: string,
    options: ArgoCDCallOptions = {},
  ): Promise<ArgoCDResourceDiff[]> {
    const list = await this.call<{ items?: ArgoCDResourceDiff[] | null }>(
      {
        method: 'GET',
        path: this.appPath(app, '/managed-resources'),
        query: namespaced(appNamespace),
      },
      options,
    );
    return list.items ?? [];
  }

  /** Kubernetes events of the application and its resources (`GET .../events`). */
  async listEvents(
    app: string,
    appNamespace?: string,
    options: ArgoCDCallOptions = {},
  ): Promise<ArgoCDEvent[]> {
    const list = await this.call<{ items?: ArgoCDEvent[] | null }>(
      {
        method: 'GET',
        path: this.appPath(app, '/events'),
        query: namespaced(appNamespace),
      },
      options,
    );
    return list.items ?? [];
  }

  /** Redeploys the history entry `id` (`POST .../rollback`); ArgoCD refuses it while automated sync is on. */
  async rollbackApplication(
    app: string,
    id: number,
    appNamespace?: string,
    options: ArgoCDCallOptions = {},
  ): Promise<ArgoCDApplication> {
    return this.call(
      {
        method: 'POST',
        path: this.appPath(app, '/rollback'),
        body: { name: app, id, ...(appNamespace ? { appNamespace } : {}) },
      },
      options,
    );
  }

  /** Turns automated sync off (a merge patch of spec.syncPolicy.automated), as ArgoCD's UI does before a rollback. */
  async disableAutomatedSync(
    app: string,
    appNamespace?: string,
    options: ArgoCDCallOptions = {},
  ): Promise<ArgoCDApplication> {
    return this.call(
      {
        method: 'PATCH',
        path: this.appPath(app, ''),
        body: {
          name: app,
          ...(appNamespace ? { appNamespace } : {}),
          patchType: 'merge',
          patch: JSON.stringify({ spec: { syncPolicy: { automated: null } } }),
        },
      },
      options,
    );
  }

  private appPath(app: string, suffix: string) {
    return `/api/v1/applications/${encodeURIComponent(app)}${suffix}`;
  }

  /**
   * Logs in ahead of the first call (session instances only), so the first page view after a
   * backend start does not wait for it. Failures are left for the next real call to report.
   */
  async ensureSession(): Promise<void> {
    if (this.instance.auth.type !== 'session') return;
    await this.token(AbortSignal.timeout(this.instance.timeoutMs)).catch(
      () => undefined,
    );
  }

  /** The server version (`GET /api/version`). */
  async getVersion(
    options: ArgoCDCallOptions = {},
  ): Promise<{ Version?: string }> {
    return this.call({ method: 'GET', path: '/api/version' }, options);
  }

  private async call<T>(
    spec: RequestSpec,
    options: ArgoCDCallOptions,
  ): Promise<T> {
    const { timeoutMs } = this.instance;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = options.signal
      ? AbortSignal.any([options.signal, timeout])
      : timeout;
    try {
      let token = await this.token(signal);
      let response = await this.send(spec, token, signal);
      if (response.status === 401 && this.instance.auth.type === 'session') {
        // The session expired or the server restarted: log in again, once.
        discard(response);
        this.sessionToken = undefined;
        token = await this.token(signal);
        response = await this.send(spec, token, signal);
        if (response.status === 401) {
          discard(response);
          throw this.errors.authFailed(401, 'username/password');
        }
      }
      return await readJson<T>(response, this.errors);
    } catch (error) {
      if (timeout.aborted) {
        throw this.errors.timeout('');
      }
      throw error;
    }
  }

  /**
   * The bearer token. A session login is shared by every concurrent call and bounded by the
   * instance timeout on its own, so one caller giving up does not fail the others' login.
   */
  private token(signal: AbortSignal): Promise<string> {
    const auth = this.instance.auth;
    if (auth.type === 'token') return Promise.resolve(auth.token);
    if (!this.sessionToken) {
      const login = this.login(auth.username, auth.password);
      this.sessionToken = login;
      // A failed login must not be cached: the next call tries again.
      login.catch(() => {
        if (this.sessionToken === login) this.sessionToken = undefined;
      });
    }
    return untilAborted(this.sessionToken, signal);
  }

  private async login(username: string, password: string): Promise<string> {
    const deadline = AbortSignal.timeout(this.instance.timeoutMs);
    try {
      const response = await this.fetch('/api/v1/session', {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Accept: 'application/json',
        },
        body: JSON.stringify({ username, password }),
        signal: deadline,
      });
      if (response.status === 401 || response.status === 403) {
        discard(response);
        throw this.errors.authFailed(response.status, 'username/password');
      }
      const session = await readJson<{ token?: unknown }>(
        response,
        this.errors,
      );
      if (typeof session.token !== 'string' || session.token === '') {
        throw this.errors.invalid('the session response has no token');
      }
      return session.token;
    } catch (error) {
      if (deadline.aborted) {
        throw this.errors.timeout('the login ');
      }
      throw error;
    }
  }

  private async send(spec: RequestSpec, token: string, signal: AbortSignal) {
    const query = spec.query?.toString();
    const response = await this.fetch(
      `${spec.path}${query ? `?${query}` : ''}`,
      {
        method: spec.method,
        headers: {
          Authorization: `Bearer ${token}`,
          Accept: 'application/json',
          ...(spec.body !== undefined
            ? { 'Content-Type': 'application/json' }
            : {}),
        },
        body: spec.body !== undefined ? JSON.stringify(spec.body) : undefined,
        signal,
      },
    );
    if (response.status === 401 && this.instance.auth.type === 'token') {
      discard(response);
      throw this.errors.authFailed(401, 'token');
    }
    return response;
  }

  private async fetch(path: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(`${this.instance.url}${path}`, init);
    } catch (error) {
      if (init.signal?.aborted) throw error;
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      throw new ArgoCDError({
        instance: this.instance.name,
        reason: 'network',
        message: `ArgoCD instance "${
          this.instance.name
        }" could not be reached at ${this.instance.url}${
          cause ? ` (${cause})` : ''
        }`,
      });
    }
  }
}
