/**
 * Backend of the forgejo entity cards
 *
 * @packageDocumentation
 */
export {};
