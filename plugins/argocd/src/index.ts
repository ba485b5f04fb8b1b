/**
 * Entity cards for argocd
 *
 * @packageDocumentation
 */
export {};
