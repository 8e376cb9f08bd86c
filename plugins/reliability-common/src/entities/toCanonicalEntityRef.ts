import {
  CompoundEntityRef,
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';

/**
 * Returns the canonical, lower-case form of an entity ref
 * (`component:default/checkout`), the form every reliability row stores.
 *
 * Catalog refs compare case-insensitively, so storing one spelling is what
 * lets rows written from `Component:default/Checkout` and from the catalog's
 * own casing meet in one key.
 *
 * @public
 */
export function toCanonicalEntityRef(
  entityOrRef: Entity | CompoundEntityRef | string,
): string {
  const compound =
    typeof entityOrRef === 'string' ? parseEntityRef(entityOrRef) : entityOrRef;
  return stringifyEntityRef(compound).toLocaleLowerCase('en-US');
}
