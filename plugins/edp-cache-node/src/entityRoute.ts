/**
 * The path under which the card backends (ArgoCD, Terraform) serve an entity's routes, e.g.
 * `${ENTITY_ROUTE_PATH}/overview`; the frontends' `EntityBackendClient` builds the same path.
 *
 * @public
 */
export const ENTITY_ROUTE_PATH = '/entity/:kind/:namespace/:name';

/**
 * The entity a request to an `ENTITY_ROUTE_PATH` route names, for `EntityAccess.require`.
 *
 * @public
 */
export function entityRouteRef(req: { params: Record<string, string> }): {
  kind: string;
  namespace: string;
  name: string;
} {
  const { kind, namespace, name } = req.params;
  return { kind, namespace, name };
}
