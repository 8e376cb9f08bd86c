import {
  CompoundEntityRef,
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';

// eslint-disable-next-line no-control-regex
const ASCII = /^[\x00-\x7f]*$/;

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
  const ref = stringifyEntityRef(compound);
  // ICU's locale-aware lower-casing costs microseconds a call, and fleet
  // reads call this for every row; for ASCII (every valid ref) plain
  // lower-casing gives the same string.
  return ASCII.test(ref) ? ref.toLowerCase() : ref.toLocaleLowerCase('en-US');
}
