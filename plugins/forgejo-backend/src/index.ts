/**
 * Backend of the forgejo entity cards
 *
 * @packageDocumentation
 */
export { forgejoPlugin as default } from './plugin';
