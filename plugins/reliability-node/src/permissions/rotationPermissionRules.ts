import {
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import {
  RESOURCE_TYPE_RELIABILITY_ROTATION,
  Rotation,
} from '@reliability-suite/plugin-reliability-common';
import { z } from 'zod';

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
export const isRotationTeamMember = createPermissionRule({
  name: 'IS_ROTATION_TEAM_MEMBER',
  description: "Allow the members of the rotation's team",
  resourceRef: rotationPermissionResourceRef,
  paramsSchema: z.object({
    claims: z
      .array(z.string())
      .describe('Ownership claims of the caller, e.g. group:default/payments'),
  }),
  apply: (rotation, { claims }) =>
    claims.map(c => c.toLocaleLowerCase('en-US')).includes(rotation.team),
  toQuery: ({ claims }) => ({
    teams: claims.map(c => c.toLocaleLowerCase('en-US')),
  }),
});

/**
 * Conditions for policies: `rotationConditions.isRotationTeamMember({ claims })`
 * with `createRotationConditionalDecision(permission, …)`.
 *
 * @public
 */
export const {
  conditions: rotationConditions,
  createConditionalDecision: createRotationConditionalDecision,
} = createConditionExports({
  resourceRef: rotationPermissionResourceRef,
  rules: { isRotationTeamMember },
});
