/**
 * The EDP Orchestrator permission policy: deny by default for everything that acts with server-held credentials.
 *
 * @packageDocumentation
 */
export { permissionModuleEdpPolicy as default } from './module';
export { EdpPermissionPolicy } from './EdpPermissionPolicy';
export {
  DEFAULT_PRIVILEGED_ACTIONS,
  type EdpPolicyOptions,
} from './policyConfig';
