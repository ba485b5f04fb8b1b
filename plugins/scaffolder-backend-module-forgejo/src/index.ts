/**
 * The `publish:forgejo` scaffolder action.
 *
 * @packageDocumentation
 */
export { scaffolderModuleForgejo as default } from './module';
export { createPublishForgejoAction } from './actions/publishForgejo';
export { forgejoRepositoryPublishPermission } from './permissions';
