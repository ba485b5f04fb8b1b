/**
 * Helpers that declare a plugin's API, cards and tabs for the new frontend system.
 *
 * @packageDocumentation
 */
export { extensionsOf } from './plugin/alpha';
