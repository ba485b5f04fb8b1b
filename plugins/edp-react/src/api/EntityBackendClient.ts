import type { CompoundEntityRef } from '@backstage/catalog-model';
import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';

/** What a plugin's client needs from the app. @public */
export interface EntityBackendClientOptions {
  discoveryApi: DiscoveryApi;
  fetchApi: FetchApi;
}

/** One request to an entity route of a backend. @public */
export interface EntityRequest {
  method?: 'GET' | 'POST';
  /** Sent as JSON; a POST without a body sends none. */
  body?: unknown;
  /** Query parameters; undefined values are left out. */
  query?: Record<string, string | undefined>;
  signal?: AbortSignal;
}

/**
 * Base of the EDP backend clients: every card route is `<backend>/entity/<kind>/<namespace>/<name>/…`,
 * called through the app's discovery and authenticated fetch. A failed answer rejects with
 * `ResponseError` (name, message and status of the backend's Backstage error), which
 * core-components' ResponseErrorPanel shows.
 * @public
 */
export class EntityBackendClient {
  constructor(
    private readonly pluginId: string,
    private readonly options: EntityBackendClientOptions,
  ) {}

  /** Sends one request to `path` (starting with `/`) below the entity's route and reads the JSON answer. */
  protected async requestJson<T>(
    entity: CompoundEntityRef,
    path: string,
    request: EntityRequest = {},
  ): Promise<T> {
    const base = await this.options.discoveryApi.getBaseUrl(this.pluginId);
    const entityPath = [entity.kind, entity.namespace, entity.name]
      .map(part => encodeURIComponent(part.toLocaleLowerCase('en-US')))
      .join('/');
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined) query.set(name, value);
    }
    const qs = query.toString();
    const hasBody = request.body !== undefined;
    const response = await this.options.fetchApi.fetch(
      `${base}/entity/${entityPath}${path}${qs ? `?${qs}` : ''}`,
      {
        method: request.method ?? 'GET',
        headers: hasBody ? { 'Content-Type': 'application/json' } : undefined,
        body: hasBody ? JSON.stringify(request.body) : undefined,
        signal: request.signal,
      },
    );
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as T;
  }
}
