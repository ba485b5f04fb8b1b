/**
 * Entity cards for forgejo
 *
 * @packageDocumentation
 */
export {};
