import { createPermission } from '@backstage/plugin-permission-common';

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
 * Every permission the reliability backend registers.
 *
 * @public
 */
export const reliabilityPermissions = [
  reliabilityEntityReadPermission,
  reliabilityTierPolicyReadPermission,
];
