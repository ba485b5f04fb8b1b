import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import type {
  ForgejoCiRuns,
  ForgejoDispatchOptions,
  ForgejoDispatchRequest,
  ForgejoDispatchResult,
  ForgejoOverview,
  ForgejoPage,
  ForgejoProblemBody,
} from '@edp/plugin-forgejo-common';
import {
  type ForgejoApi,
  ForgejoApiError,
  type ForgejoListItems,
  type ForgejoRequestOptions,
} from './ForgejoApi';

/**
 * ForgejoApi over the forgejo backend (`/api/forgejo`). Authentication comes from fetchApi.
 * @public
 */
export class ForgejoClient implements ForgejoApi {
  constructor(
    private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {}

  getOverview(entity: CompoundEntityRef, options?: ForgejoRequestOptions) {
    return this.get<ForgejoOverview>(entity, 'overview', {}, options);
  }

  getCiRuns(entity: CompoundEntityRef, options?: ForgejoRequestOptions) {
    return this.get<ForgejoCiRuns>(entity, 'ci', {}, options);
  }

  getList<K extends keyof ForgejoListItems>(
    entity: CompoundEntityRef,
    kind: K,
    page: number,
    options?: ForgejoRequestOptions,
  ) {
    return this.get<ForgejoPage<ForgejoListItems[K]>>(
      entity,
      kind,
      { page: String(page) },
      options,
    );
  }

  getDispatchOptions(
    entity: CompoundEntityRef,
    ref?: string,
    options?: ForgejoRequestOptions,
  ) {
    return this.get<ForgejoDispatchOptions>(
      entity,
      'ci/workflows',
      ref ? { ref } : {},
      options,
    );
  }

  async dispatchWorkflow(
    entity: CompoundEntityRef,
    request: ForgejoDispatchRequest,
  ): Promise<ForgejoDispatchResult> {
    const response = await this.deps.fetchApi.fetch(
      `${await this.entityUrl(entity)}/ci/dispatches`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(request),
      },
    );
    if (response.ok) return (await response.json()) as ForgejoDispatchResult;
    throw await toError(response);
  }

  private async entityUrl(entity: CompoundEntityRef) {
    const base = await this.deps.discoveryApi.getBaseUrl('forgejo');
    const path = [entity.kind, entity.namespace, entity.name]
      .map(s => encodeURIComponent(s.toLocaleLowerCase('en-US')))
      .join('/');
    return `${base}/entity/${path}`;
  }

  private async get<T>(
    entity: CompoundEntityRef,
    card: string,
    query: Record<string, string>,
    options: ForgejoRequestOptions = {},
  ): Promise<T> {
    const params = new URLSearchParams(query);
    if (options.fresh) params.set('fresh', 'true');
    const qs = params.toString();
    let response: Response;
    try {
      response = await this.deps.fetchApi.fetch(
        `${await this.entityUrl(entity)}/${card}${qs ? `?${qs}` : ''}`,
        {
          signal: options.signal,
        },
      );
    } catch (e) {
      if (options.signal?.aborted) throw e;
      throw new ForgejoApiError(0, {
        code: 'UPSTREAM_ERROR',
        message: `The Backstage backend could not be reached: ${
          (e as Error).message
        }`,
        retryable: true,
      });
    }
    if (response.ok) return (await response.json()) as T;
    throw await toError(response);
  }
}

/** Prefers the backend's structured problem; falls back to Backstage's error body, then the status line. */
async function toError(response: Response): Promise<ForgejoApiError> {
  let body: Partial<ForgejoProblemBody> | undefined;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  if (body?.problem) return new ForgejoApiError(response.status, body.problem);
  const message =
    body?.error?.message ?? `${response.status} ${response.statusText}`.trim();
  if (response.status === 400) {
    // The backend's InputError: its message names the field and the fix.
    return new ForgejoApiError(400, {
      code: 'INVALID_REQUEST',
      message,
      retryable: false,
    });
  }
  if (response.status === 403) {
    return new ForgejoApiError(403, {
      code: 'FORBIDDEN',
      message: `You are not allowed to read this repository (forgejo.repository.read): ${message}`,
      retryable: false,
    });
  }
  if (response.status === 404) {
    return new ForgejoApiError(404, {
      code: 'NOT_FOUND',
      message,
      retryable: false,
    });
  }
  return new ForgejoApiError(response.status, {
    code: 'UPSTREAM_ERROR',
    message: `The forgejo backend failed: ${message}`,
    retryable: true,
  });
}
