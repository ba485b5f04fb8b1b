/**
 * Annotation naming the Forgejo repository of an entity, as `owner/repo`.
 * @public
 */
export const FORGEJO_REPO_SLUG_ANNOTATION = 'forgejo.org/repo-slug';

/**
 * Annotation naming the Forgejo host (as in `integrations.gitea[].host`) when several are configured.
 * @public
 */
export const FORGEJO_HOST_ANNOTATION = 'forgejo.org/host';

/**
 * Backstage's standard source location annotation, used as a fallback.
 * @public
 */
export const SOURCE_LOCATION_ANNOTATION = 'backstage.io/source-location';
