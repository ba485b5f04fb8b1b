/**
 * Test helpers for the EDP backends.
 *
 * @packageDocumentation
 */
export { permissionsDenying } from './permissionsDenying';
export { catalogEntity } from './catalogEntity';
