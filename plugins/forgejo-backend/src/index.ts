/**
 * Backend of the forgejo entity cards
 *
 * @packageDocumentation
 */
export { forgejoPlugin as default } from './plugin';
export {
  createForgejoEntityConditionalDecision,
  forgejoEntityConditions,
  forgejoEntityPermissionResourceRef,
  forgejoEntityRules,
  publicOrOwnedBy,
  type ForgejoEntityQuery,
  type ForgejoEntityResource,
} from './permissions';
