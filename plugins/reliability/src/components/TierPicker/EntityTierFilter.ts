import { Entity } from '@backstage/catalog-model';
import { EntityFilter } from '@backstage/plugin-catalog-react';
import { RELIABILITY_TIER_ANNOTATION } from '@reliability-suite/plugin-reliability-common';

const TIER_FIELD = `metadata.annotations.${RELIABILITY_TIER_ANNOTATION}`;

/**
 * The catalog's entity list narrowed to entities whose `reliability/tier`
 * annotation is one of the given values. The catalog compares filter
 * values without regard to case, so `tier-1` also finds `Tier-1`, and so
 * does {@link EntityTierFilter.filterEntity}: the list and its count agree.
 * Spellings the catalog tells apart (`tier_1`) stay options of their own.
 *
 * @public
 */
export class EntityTierFilter implements EntityFilter {
  /** The annotation values to keep, as written. */
  readonly values: string[];

  constructor(values: string[]) {
    this.values = values;
  }

  /**
   * The catalog query: the annotation is one of the values (typed as the
   * catalog's filter predicate without depending on its package).
   */
  getCatalogQuery(): ReturnType<NonNullable<EntityFilter['getCatalogQuery']>> {
    return { [TIER_FIELD]: { $in: this.values } };
  }

  /** For catalog backends without predicate queries. */
  getCatalogFilters(): Record<string, string[]> {
    return { [TIER_FIELD]: this.values };
  }

  /** The catalog's test in the browser, for lists already loaded. */
  filterEntity(entity: Entity): boolean {
    const value = entity.metadata.annotations?.[RELIABILITY_TIER_ANNOTATION];
    if (value === undefined) return false;
    const lower = value.toLocaleLowerCase('en-US');
    return this.values.some(v => v.toLocaleLowerCase('en-US') === lower);
  }

  /** The values in the page's URL (`filters[tier]=…`). */
  toQueryValue(): string[] {
    return this.values;
  }
}
