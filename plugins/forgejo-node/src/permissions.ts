import { RELATION_OWNED_BY, type Entity } from '@backstage/catalog-model';
import {
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import type {
  PermissionCondition,
  PermissionCriteria,
} from '@backstage/plugin-permission-common';
import { z } from 'zod';

/**
 * What the Forgejo plugin's permission rules see: the catalog entity whose cards are asked for, and
 * whether its Forgejo repository is private (`undefined` when that could not be read: not public).
 * @public
 */
export interface ForgejoEntityResource {
  entity: Entity;
  repositoryPrivate: boolean | undefined;
}

/**
 * Conditions are only applied to loaded resources (the cards ask for one entity at a time), so the
 * query form is a plain description of the rule.
 * @public
 */
export type ForgejoEntityQuery = { rule: string; values?: string[] };

/**
 * The `catalog-entity` resource type as the forgejo plugin evaluates it: `forgejo.repository.read` is
 * checked with the entity ref as resourceRef, and a conditional decision names `pluginId: 'forgejo'`.
 * @public
 */
export const forgejoEntityPermissionResourceRef = createPermissionResourceRef<
  ForgejoEntityResource,
  ForgejoEntityQuery
>().with({ pluginId: 'forgejo', resourceType: 'catalog-entity' });

const isPublicRepository = createPermissionRule({
  name: 'IS_PUBLIC_REPOSITORY',
  description:
    'Allow entities whose Forgejo repository is public (a repository whose visibility could not be read is not)',
  resourceRef: forgejoEntityPermissionResourceRef,
  apply: resource => resource.repositoryPrivate === false,
  toQuery: () => ({ rule: 'IS_PUBLIC_REPOSITORY' }),
});

const isEntityOwner = createPermissionRule({
  name: 'IS_ENTITY_OWNER',
  description:
    'Allow entities owned (relation ownedBy) by one of the given claims, e.g. the user ownership refs',
  resourceRef: forgejoEntityPermissionResourceRef,
  paramsSchema: z.object({
    claims: z
      .array(z.string())
      .describe('Entity refs; one must be a target of ownedBy'),
  }),
  apply: (resource, { claims }) => {
    const wanted = new Set(claims.map(c => c.toLocaleLowerCase('en-US')));
    return (resource.entity.relations ?? []).some(
      r =>
        r.type === RELATION_OWNED_BY &&
        wanted.has(r.targetRef.toLocaleLowerCase('en-US')),
    );
  },
  toQuery: ({ claims }) => ({ rule: 'IS_ENTITY_OWNER', values: claims }),
});

/** @public */
export const forgejoEntityRules = { isPublicRepository, isEntityOwner };

const exported = createConditionExports({
  resourceRef: forgejoEntityPermissionResourceRef,
  rules: forgejoEntityRules,
});

/**
 * Conditions for a policy's decision on `forgejo.repository.read`, e.g.
 * `forgejoEntityConditions.isEntityOwner({ claims: user.info.ownershipEntityRefs })`.
 * @public
 */
export const forgejoEntityConditions = exported.conditions;

/**
 * Wraps conditions into the conditional decision the permission backend resolves through this plugin.
 * @public
 */
export const createForgejoEntityConditionalDecision =
  exported.createConditionalDecision;

/**
 * The default rule for a repository's card data: anyone if the repository is public, else the members
 * of the entity's owner (`ownershipEntityRefs` of the user). Privileged groups are the policy's to add.
 * @public
 */
export function publicOrOwnedBy(
  ownershipEntityRefs: string[],
): PermissionCriteria<PermissionCondition<'catalog-entity'>> {
  return {
    anyOf: [
      forgejoEntityConditions.isPublicRepository(),
      forgejoEntityConditions.isEntityOwner({ claims: ownershipEntityRefs }),
    ],
  };
}
