import type { Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';

/**
 * A catalog entity in the `default` namespace that carries the given annotations, as the EDP
 * backends' tests register them in `catalogServiceMock`.
 *
 * @public
 */
export function catalogEntity(options: {
  kind: string;
  name: string;
  annotations: Record<string, string>;
  spec: JsonObject;
}): Entity {
  const { kind, name, annotations, spec } = options;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default', annotations },
    spec,
  };
}
