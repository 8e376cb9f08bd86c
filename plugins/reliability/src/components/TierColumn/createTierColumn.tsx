import { Entity } from '@backstage/catalog-model';
import { TableColumn } from '@backstage/core-components';
import { RELIABILITY_TIER_ANNOTATION } from '@reliability-suite/plugin-reliability-common';
import { EntityTierCell } from './EntityTierCell';

function tierSortKey(entity: Entity): string {
  const value = entity.metadata.annotations?.[RELIABILITY_TIER_ANNOTATION];
  // Untiered rows sort after every tier.
  return value === undefined
    ? '\uffff'
    : value.trim().toLocaleLowerCase('en-US');
}

/**
 * A "Tier" column for the catalog index table:
 * `<CatalogIndexPage columns={ctx => [...CatalogTable.defaultColumnsFunc(ctx), createTierColumn()]} />`.
 *
 * @public
 */
export function createTierColumn<
  T extends { entity: Entity } = { entity: Entity },
>(options?: { title?: string }): TableColumn<T> {
  return {
    title: options?.title ?? 'Tier',
    field: `entity.metadata.annotations.${RELIABILITY_TIER_ANNOTATION}`,
    width: 'auto',
    customSort: (a, b) =>
      tierSortKey(a.entity).localeCompare(tierSortKey(b.entity)),
    render: row => <EntityTierCell entity={row.entity} />,
  };
}
