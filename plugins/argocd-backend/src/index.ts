/**
 * Backend of the argocd entity cards
 *
 * @packageDocumentation
 */
export {};
