/**
 * Shared types, annotations and permissions of the forgejo plugins
 *
 * @packageDocumentation
 */
export {};
