import type { Entity } from '@backstage/catalog-model';

/**
 * Where the entity's Terraform state is, as `edp:terraform:run` reports it (its `stateLocation`
 * output): `kubernetes:<cluster>/<namespace>/tfstate-<workspace>-<suffix>`.
 * @public
 */
export const TERRAFORM_STATE_ANNOTATION = 'edp.io/terraform-state';

/** The module of `edp.terraform.modules` the state was applied from (used by the drift check). @public */
export const TERRAFORM_MODULE_ANNOTATION = 'edp.io/terraform-module';

/** Type of the catalog status item that carries the drift result. @public */
export const TERRAFORM_DRIFT_STATUS_TYPE = 'edp.io/terraform-drift';

/** The location of a state in the portal's kubernetes backend, parsed from the annotation. @public */
export interface TerraformStateLocation {
  cluster: string;
  namespace: string;
  /** `tfstate-<workspace>-<suffix>`. */
  secretName: string;
}

const LOCATION =
  /^kubernetes:([A-Za-z0-9][-A-Za-z0-9_.]*)\/([a-z0-9]([-a-z0-9]*[a-z0-9])?)\/(tfstate-[a-z0-9][-a-z0-9.]*[a-z0-9])$/;

/**
 * Parses `edp.io/terraform-state`; undefined for other backends (`s3:…`, `ephemeral`), which the
 * card cannot read.
 * @public
 */
export function parseStateLocation(
  value: string | undefined,
): TerraformStateLocation | undefined {
  const match = LOCATION.exec((value ?? '').trim());
  if (!match) return undefined;
  return { cluster: match[1], namespace: match[2], secretName: match[4] };
}

/** Writes a location back in the annotation's form. @public */
export function formatStateLocation(location: TerraformStateLocation): string {
  return `kubernetes:${location.cluster}/${location.namespace}/${location.secretName}`;
}

/** True when the entity names a Terraform state: the card's filter. @public */
export function isTerraformAvailable(entity: Entity): boolean {
  return Boolean(
    entity.metadata.annotations?.[TERRAFORM_STATE_ANNOTATION]?.trim(),
  );
}
