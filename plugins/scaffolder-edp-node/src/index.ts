/**
 * What the EDP scaffolder action modules share: the initiator's permission check that every action
 * acting with server-held credentials makes, and the alias that keeps a renamed action id working
 * for one release.
 *
 * @packageDocumentation
 */
export { requireInitiatorPermission } from './requireInitiatorPermission';
export { deprecatedActionAlias } from './deprecatedActionAlias';
