/**
 * Scaffolder actions that apply Kubernetes manifests and provision CNOE stacks
 *
 * @packageDocumentation
 */
export { scaffolderModuleStacks as default } from './module';
export { stackProvisionPermission } from './permissions';
