/**
 * Shared types, annotations and permissions of the argocd plugins
 *
 * @packageDocumentation
 */
export {};
