import { Entity } from '@backstage/catalog-model';

const RELIABILITY_KINDS = ['component', 'system', 'resource', 'api'];

/**
 * Whether the Reliability tab makes sense for an entity, for use with
 * `EntitySwitch.Case if={isReliabilityAvailable}`. True for the kinds that
 * run and fail (Component, System, Resource, API), tiered or not: an
 * untiered entity's tab explains how to add a tier.
 *
 * @public
 */
export function isReliabilityAvailable(entity: Entity): boolean {
  return RELIABILITY_KINDS.includes(entity.kind.toLocaleLowerCase('en-US'));
}
