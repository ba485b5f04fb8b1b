/**
 * The EDP Orchestrator permission policy: everyone reads, configured groups mutate.
 *
 * @packageDocumentation
 */
export { permissionModuleEdpPolicy as default } from './module';
export { EdpPermissionPolicy } from './EdpPermissionPolicy';
