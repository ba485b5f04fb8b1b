/**
 * Scaffolder actions that apply Kubernetes manifests and provision CNOE stacks
 *
 * @packageDocumentation
 */
export {};
