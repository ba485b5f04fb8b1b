/**
 * Shared types, annotations and permissions of the forgejo plugins
 *
 * @packageDocumentation
 */
export * from './annotations';
export * from './permissions';
export * from './repoRef';
export * from './types';
