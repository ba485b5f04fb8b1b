/**
 * The placement values a template needs (where repositories, Applications and catalog annotations
 * go). Each is a template parameter that may be left empty, with a portal default at
 * `edp.defaults.<key>` in app-config: `edp:defaults:resolve` resolves them on the backend, the
 * `EdpPlacement` form field pre-fills them in the browser.
 * @public
 */
export const PLACEMENT_KEYS = [
  'forgejoHost',
  'repoOwner',
  'cluster',
  'argocdInstance',
  'stacksLocation',
] as const;

/** One of {@link PLACEMENT_KEYS}. @public */
export type PlacementKey = (typeof PLACEMENT_KEYS)[number];

/** Whether `value` names a placement key, e.g. a template's `ui:options.placement`. @public */
export function isPlacementKey(value: unknown): value is PlacementKey {
  return (PLACEMENT_KEYS as readonly unknown[]).includes(value);
}
