export {
  createForgejoEntityConditionalDecision,
  forgejoEntityConditions,
  forgejoEntityPermissionResourceRef,
  forgejoEntityRules,
  publicOrOwnedBy,
  type ForgejoEntityQuery,
  type ForgejoEntityResource,
} from './rules';
export { createForgejoEntityLoader } from './resources';
