import type { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  ARGOCD_ANNOTATION_APP_NAME,
  ARGOCD_ANNOTATION_APP_NAMESPACE,
  ARGOCD_ANNOTATION_APP_SELECTOR,
  ARGOCD_ANNOTATION_INSTANCE_NAME,
  ARGOCD_ANNOTATION_PROJECT_NAME,
  splitAnnotationList,
} from '@edp/plugin-argocd-common';
import {
  LabelSelectorError,
  parseLabelSelector,
  type ArgoCDApplicationQuery,
} from '@edp/plugin-argocd-node';

/** What to ask ArgoCD for one entity: the list query and, optionally, which instances in which order. */
export interface EntityApplicationQuery {
  query: ArgoCDApplicationQuery;
  instances?: string[];
}

/**
 * Reads the ArgoCD annotations of an entity. As in the Roadie plugin, a selector wins over a name.
 * @throws InputError naming the annotation when it is missing or malformed.
 */
export function applicationQueryFor(entity: Entity): EntityApplicationQuery {
  const annotations = entity.metadata.annotations ?? {};
  const selector = annotations[ARGOCD_ANNOTATION_APP_SELECTOR]?.trim();
  const name = annotations[ARGOCD_ANNOTATION_APP_NAME]?.trim();
  if (!selector && !name) {
    throw new InputError(
      `The entity has neither the ${ARGOCD_ANNOTATION_APP_NAME} nor the ${ARGOCD_ANNOTATION_APP_SELECTOR} annotation`,
    );
  }
  const query: ArgoCDApplicationQuery = {};
  if (selector) {
    try {
      query.selector = parseLabelSelector(selector);
    } catch (e) {
      if (e instanceof LabelSelectorError) {
        throw new InputError(
          `The ${ARGOCD_ANNOTATION_APP_SELECTOR} annotation "${selector}" is not a valid label selector: ${e.message}`,
        );
      }
      throw e;
    }
  } else {
    query.name = name;
  }
  const projects = splitAnnotationList(
    annotations[ARGOCD_ANNOTATION_PROJECT_NAME],
  );
  if (projects.length) query.projects = projects;
  const appNamespace = annotations[ARGOCD_ANNOTATION_APP_NAMESPACE]?.trim();
  if (appNamespace) query.appNamespace = appNamespace;
  const instances = splitAnnotationList(
    annotations[ARGOCD_ANNOTATION_INSTANCE_NAME],
  );
  return {
    query,
    instances: instances.length ? [...new Set(instances)] : undefined,
  };
}
