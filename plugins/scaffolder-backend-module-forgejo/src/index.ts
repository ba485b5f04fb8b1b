/**
 * publish:forgejo scaffolder action
 *
 * @packageDocumentation
 */
export {};
