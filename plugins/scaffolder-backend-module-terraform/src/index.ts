/**
 * Scaffolder action that runs terraform or tofu
 *
 * @packageDocumentation
 */
export {};
