import type { CompoundEntityRef } from '@backstage/catalog-model';
import type {
  ForgejoCiRuns,
  ForgejoDispatchOptions,
  ForgejoDispatchRequest,
  ForgejoDispatchResult,
  ForgejoOverview,
  ForgejoPage,
} from '@edp/plugin-forgejo-common';
import {
  EntityBackendClient,
  type EntityBackendClientOptions,
} from '@edp/plugin-edp-react';
import type {
  ForgejoApi,
  ForgejoListItems,
  ForgejoRequestOptions,
} from './ForgejoApi';

/**
 * ForgejoApi over the forgejo backend (`/api/forgejo`). Authentication comes from fetchApi.
 * (`ForgejoClient` of `@edp/plugin-forgejo-node` is the client of Forgejo itself, on the server.)
 * @public
 */
export class ForgejoBackendClient
  extends EntityBackendClient
  implements ForgejoApi
{
  constructor(options: EntityBackendClientOptions) {
    super('forgejo', options);
  }

  getOverview(entity: CompoundEntityRef, options?: ForgejoRequestOptions) {
    return this.card<ForgejoOverview>(entity, '/overview', {}, options);
  }

  getCiRuns(entity: CompoundEntityRef, options?: ForgejoRequestOptions) {
    return this.card<ForgejoCiRuns>(entity, '/ci', {}, options);
  }

  getList<K extends keyof ForgejoListItems>(
    entity: CompoundEntityRef,
    kind: K,
    page: number,
    options?: ForgejoRequestOptions,
  ) {
    return this.card<ForgejoPage<ForgejoListItems[K]>>(
      entity,
      `/${kind}`,
      { page: String(page) },
      options,
    );
  }

  getDispatchOptions(
    entity: CompoundEntityRef,
    ref?: string,
    options?: ForgejoRequestOptions,
  ) {
    return this.card<ForgejoDispatchOptions>(
      entity,
      '/ci/workflows',
      { ref },
      options,
    );
  }

  dispatchWorkflow(entity: CompoundEntityRef, request: ForgejoDispatchRequest) {
    return this.requestJson<ForgejoDispatchResult>(entity, '/ci/dispatches', {
      method: 'POST',
      body: request,
    });
  }

  /** A card read; `fresh` (a Retry) asks the backend to skip its cached answer. */
  private card<T>(
    entity: CompoundEntityRef,
    path: string,
    query: Record<string, string | undefined>,
    options: ForgejoRequestOptions = {},
  ) {
    return this.requestJson<T>(entity, path, {
      query: { ...query, fresh: options.fresh ? 'true' : undefined },
      signal: options.signal,
    });
  }
}

/**
 * @public
 * @deprecated Renamed to {@link ForgejoBackendClient}, so that `ForgejoClient` only names
 * forgejo-node's client of Forgejo; this alias goes in the next release.
 */
export class ForgejoClient extends ForgejoBackendClient {}
