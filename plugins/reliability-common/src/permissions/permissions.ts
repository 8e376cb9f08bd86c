import {
  createPermission,
  Permission,
} from '@backstage/plugin-permission-common';

/**
 * The catalog's resource type. Reliability permissions that concern one
 * entity are resource permissions over it, so a policy can use the
 * catalog's own rules ("owners may edit") with a conditional decision.
 *
 * @public
 */
export const RESOURCE_TYPE_CATALOG_ENTITY = 'catalog-entity';

/**
 * Read an entity's reliability data (summary, tier, and what later
 * features add to it).
 *
 * @public
 */
export const reliabilityEntityReadPermission = createPermission({
  name: 'reliability.entity.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Read the configured tier policy.
 *
 * @public
 */
export const reliabilityTierPolicyReadPermission = createPermission({
  name: 'reliability.tiers.read',
  attributes: { action: 'read' },
});

/**
 * Create or replace an entity's API-managed SLOs. A resource permission on
 * the catalog entity: policies typically allow its owners and an SRE group.
 *
 * @public
 */
export const reliabilitySloManagePermission = createPermission({
  name: 'reliability.slo.manage',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Push SLI measurements for an entity's SLOs. Service principals (such as
 * the API token) are allowed by the permission framework; for users, a
 * policy decides as for managing.
 *
 * @public
 */
export const reliabilitySloIngestPermission = createPermission({
  name: 'reliability.slo.ingest',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Approve a time-bound exception to an error-budget freeze: a reviewer's
 * decision, separate from managing SLOs.
 *
 * @public
 */
export const reliabilityBudgetExceptionApprovePermission = createPermission({
  name: 'reliability.budget-exception.approve',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * The reliability plugin's own resource type: an on-call rotation,
 * identified by its id. Policies can use the rule `IS_ROTATION_TEAM_MEMBER`
 * (registered by the backend) to let a team's members manage its rotation.
 *
 * @public
 */
export const RESOURCE_TYPE_RELIABILITY_ROTATION = 'reliability-rotation';

/**
 * Create, replace and delete rotations and their overrides.
 *
 * @public
 */
export const reliabilityOncallManagePermission = createPermission({
  name: 'reliability.oncall.manage',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_RELIABILITY_ROTATION,
});

/**
 * Read rotations (who is on call is not secret inside the portal, but a
 * policy may say otherwise).
 *
 * @public
 */
export const reliabilityOncallReadPermission = createPermission({
  name: 'reliability.oncall.read',
  attributes: { action: 'read' },
});

/**
 * Record and change incidents and their postmortems for an entity.
 *
 * @public
 */
export const reliabilityIncidentManagePermission = createPermission({
  name: 'reliability.incident.manage',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Create and change an entity's action items. An action's owner may also
 * change its status without this permission.
 *
 * @public
 */
export const reliabilityActionManagePermission = createPermission({
  name: 'reliability.action.manage',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Attest readiness items with evidence, and request a review.
 *
 * @public
 */
export const reliabilityReadinessAttestPermission = createPermission({
  name: 'reliability.readiness.attest',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Waive readiness items and decide reviews: the approver's permission.
 *
 * @public
 */
export const reliabilityReadinessApprovePermission = createPermission({
  name: 'reliability.readiness.approve',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Every permission the reliability backend registers.
 *
 * @public
 */
export const reliabilityPermissions: Permission[] = [
  reliabilityEntityReadPermission,
  reliabilityTierPolicyReadPermission,
  reliabilitySloManagePermission,
  reliabilitySloIngestPermission,
  reliabilityBudgetExceptionApprovePermission,
  reliabilityOncallManagePermission,
  reliabilityOncallReadPermission,
  reliabilityIncidentManagePermission,
  reliabilityActionManagePermission,
  reliabilityReadinessAttestPermission,
  reliabilityReadinessApprovePermission,
];

/**
 * The approver's permissions: decisions only a person makes (a budget
 * exception, a waiver, a review decision). The backend refuses them to
 * every service principal, a static API token included, whatever the
 * permission policy says: Backstage's permission client allows service
 * principals outright, and "nobody decides their own request" means
 * nothing for a token many scripts share.
 *
 * @public
 */
export const reliabilityPersonOnlyPermissions: readonly string[] = [
  reliabilityBudgetExceptionApprovePermission.name,
  reliabilityReadinessApprovePermission.name,
];

/**
 * The scope recommended for a static API token, and the one the
 * repository's app-config.token.yaml grants: read, push SLI measurements
 * and record incidents. Never an approval.
 *
 * @public
 */
export const reliabilityDefaultTokenPermissions: readonly string[] = [
  reliabilityEntityReadPermission.name,
  reliabilityTierPolicyReadPermission.name,
  reliabilityOncallReadPermission.name,
  reliabilitySloIngestPermission.name,
  reliabilityIncidentManagePermission.name,
];
