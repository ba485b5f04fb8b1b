/**
 * The cache helper of the EDP backends: upstream answers kept in Backstage's CacheService with
 * stale-while-revalidate and request coalescing, `BurstMemo` for per-caller lookups that only
 * need to last a page view's burst, and `EntityAccess`, the entity read and permission decision
 * built on it.
 *
 * @packageDocumentation
 */
export {
  UpstreamCache,
  cacheStoreIsShared,
  type UpstreamCacheOptions,
  type CachedResult,
  type CacheOutcome,
} from './UpstreamCache';
export { BurstMemo } from './BurstMemo';
export { EntityAccess } from './EntityAccess';
export { ENTITY_ROUTE_PATH, entityRouteRef } from './entityRoute';
