import {
  AuthorizeResult,
  isResourcePermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  reliabilityBudgetExceptionApprovePermission,
  reliabilityReadinessApprovePermission,
  RESOURCE_TYPE_CATALOG_ENTITY,
  RESOURCE_TYPE_RELIABILITY_ROTATION,
} from '@reliability-suite/plugin-reliability-common';
import {
  createRotationConditionalDecision,
  rotationConditions,
} from '@reliability-suite/plugin-reliability-node';

/** Permissions only the approver group holds, never plain owners. */
const APPROVER_ONLY = new Set([
  reliabilityBudgetExceptionApprovePermission.name,
  reliabilityReadinessApprovePermission.name,
]);

/**
 * The demo portal's permission policy.
 *
 * Reliability data: every signed-in user may read it. Writes on an entity
 * (managing SLOs, pushing measurements) are for the entity's owners, child
 * groups included; a team's rotation is for the team's members; the
 * approver group (by default `group:default/sre`) may do all of it and
 * alone approves budget exceptions.
 * Other plugins' permissions are allowed, as in a demo portal.
 */
export class DemoPermissionPolicy implements PermissionPolicy {
  constructor(private readonly approverGroup = 'group:default/sre') {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    if (!permission.name.startsWith('reliability.')) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (!user) {
      return { result: AuthorizeResult.DENY };
    }
    if (permission.attributes.action === 'read') {
      return { result: AuthorizeResult.ALLOW };
    }
    const claims = user.info.ownershipEntityRefs;
    if (claims.includes(this.approverGroup)) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (isResourcePermission(permission, RESOURCE_TYPE_RELIABILITY_ROTATION)) {
      // Decided by the reliability plugin: "is the user in the rotation's team?"
      return createRotationConditionalDecision(
        permission,
        rotationConditions.isRotationTeamMember({ claims }),
      );
    }
    if (
      !APPROVER_ONLY.has(permission.name) &&
      isResourcePermission(permission, RESOURCE_TYPE_CATALOG_ENTITY)
    ) {
      // Decided by the catalog against the entity: "is the user an owner?"
      return createCatalogConditionalDecision(
        permission,
        catalogConditions.isEntityOwner({ claims }),
      );
    }
    return { result: AuthorizeResult.DENY };
  }
}
