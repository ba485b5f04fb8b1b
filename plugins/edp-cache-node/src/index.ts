/**
 * The cache helper of the EDP backends: upstream answers kept in Backstage's CacheService with
 * stale-while-revalidate and request coalescing.
 *
 * @packageDocumentation
 */
export {
  UpstreamCache,
  type UpstreamCacheOptions,
  type CachedResult,
  type CacheOutcome,
} from './UpstreamCache';
