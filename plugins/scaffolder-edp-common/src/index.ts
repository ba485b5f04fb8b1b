/**
 * What the EDP scaffolder frontend and backend modules share: the placement keys of `edp.defaults`.
 *
 * @packageDocumentation
 */
export {
  PLACEMENT_KEYS,
  isPlacementKey,
  type PlacementKey,
} from './placementKeys';
