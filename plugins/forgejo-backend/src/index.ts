/**
 * Backend of the forgejo entity cards
 *
 * @packageDocumentation
 */
export { forgejoBackendPlugin as default } from './plugin';
