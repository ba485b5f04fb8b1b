import type { Entity } from '@backstage/catalog-model';

/** Name of one ArgoCD application (the same name may exist on several instances). @public */
export const ARGOCD_ANNOTATION_APP_NAME = 'argocd/app-name';
/** Kubernetes label selector matching the entity's applications. @public */
export const ARGOCD_ANNOTATION_APP_SELECTOR = 'argocd/app-selector';
/** Namespace of the applications when they live outside the control-plane namespace. @public */
export const ARGOCD_ANNOTATION_APP_NAMESPACE = 'argocd/app-namespace';
/** ArgoCD project(s) to restrict discovery to; a comma-separated list. @public */
export const ARGOCD_ANNOTATION_PROJECT_NAME = 'argocd/project-name';
/** Comma-separated instance names: only these are queried, in this order. @public */
export const ARGOCD_ANNOTATION_INSTANCE_NAME = 'argocd/instance-name';

/** Splits a comma-separated annotation value, dropping blanks. @public */
export function splitAnnotationList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map(part => part.trim())
    .filter(part => part.length > 0);
}

/**
 * True when the entity names its ArgoCD applications, by name or by selector.
 * Used as the card filter, so entities without these annotations show no ArgoCD card.
 * @public
 */
export function isArgocdAvailable(entity: Entity): boolean {
  const annotations = entity.metadata.annotations ?? {};
  return Boolean(
    annotations[ARGOCD_ANNOTATION_APP_NAME]?.trim() ||
      annotations[ARGOCD_ANNOTATION_APP_SELECTOR]?.trim(),
  );
}
