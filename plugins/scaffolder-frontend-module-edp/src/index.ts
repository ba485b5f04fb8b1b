/**
 * Scaffolder form fields of the EDP templates.
 *
 * The default export is a scaffolder module for the new frontend system (picked up by feature
 * discovery); `EdpPlacementFieldExtension` serves apps on the legacy system.
 *
 * @packageDocumentation
 */
export { scaffolderModuleEdpFields as default } from './module';
export { EdpPlacementFieldExtension } from './legacy';
export { PlacementField, PLACEMENTS } from './fields/PlacementField';
export type { PlacementFieldOptions } from './fields/PlacementField';
