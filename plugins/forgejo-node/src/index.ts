/**
 * Typed forgejo client and service ref shared by backends and actions
 *
 * @packageDocumentation
 */
export {};
