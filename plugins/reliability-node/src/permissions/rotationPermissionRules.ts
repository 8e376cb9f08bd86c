import {
  AuthorizeResult,
  ConditionalPolicyDecision,
  PermissionCondition,
  PermissionCriteria,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  createPermissionResourceRef,
  PermissionRule,
} from '@backstage/plugin-permission-node';
import {
  RESOURCE_TYPE_RELIABILITY_ROTATION,
  Rotation,
} from '@reliability-suite/plugin-reliability-common';

/** Query form of rotation conditions: rotations whose team is one of `teams`. @public */
export type RotationQuery = { teams: string[] };

/**
 * The reliability plugin's rotation resource, for permission rules.
 *
 * @public
 */
export const rotationPermissionResourceRef = createPermissionResourceRef<
  Rotation,
  RotationQuery
>().with({
  pluginId: 'reliability',
  resourceType: RESOURCE_TYPE_RELIABILITY_ROTATION,
});

/**
 * Allows members of the team that owns a rotation: the caller's ownership
 * claims (their user ref and groups) include the rotation's team.
 *
 * @public
 */
export const isRotationTeamMember: PermissionRule<
  Rotation,
  RotationQuery,
  typeof RESOURCE_TYPE_RELIABILITY_ROTATION,
  { claims: string[] }
> = {
  name: 'IS_ROTATION_TEAM_MEMBER',
  // No paramsSchema: the permission framework's schema types are too deep
  // for the compiler with zod 3; the params are `{ claims: string[] }`.
  description:
    "Allow the members of the rotation's team (params: { claims: string[] }, the caller's ownership refs)",
  resourceType: RESOURCE_TYPE_RELIABILITY_ROTATION,
  apply: (rotation, { claims }) =>
    claims.map(c => c.toLocaleLowerCase('en-US')).includes(rotation.team),
  toQuery: ({ claims }) => ({
    teams: claims.map(c => c.toLocaleLowerCase('en-US')),
  }),
};

/**
 * Conditions for policies: `rotationConditions.isRotationTeamMember({ claims })`
 * with `createRotationConditionalDecision(permission, …)`.
 *
 * @public
 */
export const rotationConditions = {
  // Written out rather than through createConditionFactory, whose generic
  // types are too deep for the compiler with this rule's schema.
  isRotationTeamMember: (params: {
    claims: string[];
  }): PermissionCondition<
    typeof RESOURCE_TYPE_RELIABILITY_ROTATION,
    { claims: string[] }
  > => ({
    rule: isRotationTeamMember.name,
    resourceType: RESOURCE_TYPE_RELIABILITY_ROTATION,
    params,
  }),
};

/**
 * A conditional decision on rotations, evaluated by the reliability plugin.
 *
 * @public
 */
export function createRotationConditionalDecision(
  _permission: ResourcePermission<typeof RESOURCE_TYPE_RELIABILITY_ROTATION>,
  conditions: PermissionCriteria<
    PermissionCondition<typeof RESOURCE_TYPE_RELIABILITY_ROTATION>
  >,
): ConditionalPolicyDecision {
  return {
    result: AuthorizeResult.CONDITIONAL,
    pluginId: 'reliability',
    resourceType: RESOURCE_TYPE_RELIABILITY_ROTATION,
    conditions,
  };
}
