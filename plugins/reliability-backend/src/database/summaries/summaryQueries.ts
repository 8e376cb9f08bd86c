import {
  OverviewFacets,
  OWNERSHIP_GAP_CODES,
} from '@reliability-suite/plugin-reliability-common';
import { Knex } from 'knex';
import { SummaryFilters, SummaryVisibility } from './EntitySummaryStore';

import { OVERVIEW_STATUS_ORDER, gapMaskOf } from './summaryRows';

/*
 * The WHERE clauses of overview queries (visibility from permission
 * decisions, filters) and the facet counts computed beside a page.
 */

export function applyVisibility(
  qb: Knex.QueryBuilder,
  visibility: SummaryVisibility,
) {
  if ('all' in visibility) return;
  if ('none' in visibility) {
    qb.whereRaw('1 = 0');
  } else if ('kinds' in visibility) {
    qb.whereIn(
      'kind',
      visibility.kinds.map(k => k.toLocaleLowerCase('en-US')),
    );
  } else if ('owners' in visibility) {
    qb.whereIn(
      'owner',
      visibility.owners.map(o => o.toLocaleLowerCase('en-US')),
    );
  } else if ('allOf' in visibility) {
    for (const child of visibility.allOf) {
      qb.where(sub => applyVisibility(sub, child));
    }
  } else if ('anyOf' in visibility) {
    if (visibility.anyOf.length === 0) {
      qb.whereRaw('1 = 0');
      return;
    }
    qb.where(any => {
      for (const child of visibility.anyOf) {
        any.orWhere(sub => applyVisibility(sub, child));
      }
    });
  } else {
    const { not } = visibility;
    qb.whereNot(sub => applyVisibility(sub, not));
  }
}

export type FacetName = keyof OverviewFacets;

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, c => `\\${c}`);
}

/** Applies every filter but the one of `except`. */
export function applyFilters(
  qb: Knex.QueryBuilder,
  filters: SummaryFilters,
  except?: FacetName,
) {
  const list = <T>(values: T[] | undefined) =>
    values && values.length > 0 ? values : undefined;
  const owners = list(filters.owners);
  if (owners) qb.whereIn('owner', owners);
  const kinds = list(filters.kinds);
  if (kinds) qb.whereIn('kind', kinds);
  const lifecycles = list(filters.lifecycles);
  if (lifecycles) qb.whereIn('lifecycle', lifecycles);
  const systems = list(filters.systems);
  if (systems) qb.whereIn('system', systems);
  const tiers = list(filters.tiers);
  if (tiers && except !== 'tier') {
    qb.where(sub => {
      sub.whereIn(
        'tier',
        tiers.filter(t => t !== 'none'),
      );
      if (tiers.includes('none')) sub.orWhereNull('tier');
    });
  }
  const statuses = list(filters.statuses);
  if (statuses && except !== 'status') qb.whereIn('slo_status', statuses);
  const gaps = list(filters.gaps);
  if (gaps && except !== 'gap') {
    qb.whereRaw('(gap_mask & ?) <> 0', [gapMaskOf(gaps)]);
  }
  const readiness = list(filters.readiness);
  if (readiness && readiness.length === 1 && except !== 'readiness') {
    qb.where('ready', readiness[0] === 'ready' ? 1 : 0);
  }
  if (filters.text) {
    const pattern = `%${escapeLike(filters.text.toLocaleLowerCase('en-US'))}%`;
    qb.where(sub =>
      sub
        .whereRaw("lower(name) like ? escape '\\'", [pattern])
        .orWhereRaw("lower(coalesce(title, '')) like ? escape '\\'", [pattern]),
    );
  }
}

export function isFiltered(filters: SummaryFilters, facet: FacetName): boolean {
  const values = {
    tier: filters.tiers,
    gap: filters.gaps,
    status: filters.statuses,
    readiness: filters.readiness,
  }[facet];
  return Boolean(values && values.length > 0);
}

/** `SUM(CASE WHEN … THEN 1 ELSE 0 END)` per facet value, with its key. */
export function facetSums(
  facet: FacetName,
  tierIds: string[],
): Array<{ key: string; sql: string; bindings: Knex.RawBinding[] }> {
  const sum = (condition: string) =>
    `sum(case when ${condition} then 1 else 0 end)`;
  switch (facet) {
    case 'tier':
      return [
        ...tierIds.map(id => ({
          key: id,
          sql: sum('tier = ?'),
          bindings: [id],
        })),
        { key: 'none', sql: sum('tier is null'), bindings: [] },
      ];
    case 'gap':
      return OWNERSHIP_GAP_CODES.map((code, bit) => ({
        key: code,
        sql: sum('(gap_mask & ?) <> 0'),
        bindings: [1 << bit],
      }));
    case 'status':
      return OVERVIEW_STATUS_ORDER.map(status => ({
        key: status,
        sql: sum('slo_status = ?'),
        bindings: [status],
      }));
    default:
      return [
        { key: 'ready', sql: sum('ready = ?'), bindings: [1] },
        { key: 'not-ready', sql: sum('ready = ?'), bindings: [0] },
      ];
  }
}
