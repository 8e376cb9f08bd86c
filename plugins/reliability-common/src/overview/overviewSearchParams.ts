import { OwnershipGapCode } from '../oncall/ownershipGaps';
import {
  OVERVIEW_SORT_KEYS,
  OverviewQuery,
  OverviewSloStatus,
} from './Overview';

const LIST_KEYS = [
  'owner',
  'tier',
  'kind',
  'lifecycle',
  'system',
  'gap',
  'status',
  'readiness',
] as const;

/**
 * The query string of `GET /v1/overview` for a query: lists comma-joined,
 * empty values left out, keys in a fixed order (so equal queries give equal
 * strings, and the overview page's URL is the API's query).
 *
 * @internal
 */
export function toOverviewSearchParams(query: OverviewQuery): string {
  const params = new URLSearchParams();
  for (const key of LIST_KEYS) {
    const values = query[key];
    if (values && values.length > 0) params.set(key, values.join(','));
  }
  if (query.owner?.length && query.includeChildGroups) {
    params.set('includeChildGroups', 'true');
  }
  if (query.q?.trim()) params.set('q', query.q.trim());
  if (query.sort && query.sort !== 'name') params.set('sort', query.sort);
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  if (query.cursor) params.set('cursor', query.cursor);
  return params.toString();
}

/**
 * The overview query in a query string, as the overview page's URL holds
 * it. Values the API would refuse are dropped rather than passed on, so a
 * hand-edited URL still opens the page.
 *
 * @internal
 */
export function fromOverviewSearchParams(search: string): OverviewQuery {
  const params = new URLSearchParams(search);
  const list = (key: string) =>
    (params.get(key) ?? '')
      .split(',')
      .map(v => v.trim())
      .filter(Boolean);
  const query: OverviewQuery = {};
  for (const key of LIST_KEYS) {
    const values = list(key);
    if (values.length > 0) (query as Record<string, string[]>)[key] = values;
  }
  if (query.readiness) {
    query.readiness = query.readiness.filter(
      (r): r is 'ready' | 'not-ready' => r === 'ready' || r === 'not-ready',
    );
  }
  if (query.gap) query.gap = query.gap as OwnershipGapCode[];
  if (query.status) query.status = query.status as OverviewSloStatus[];
  if (params.get('includeChildGroups') === 'true') {
    query.includeChildGroups = true;
  }
  const q = params.get('q')?.trim();
  if (q) query.q = q;
  const sort = params.get('sort') ?? '';
  if (
    (OVERVIEW_SORT_KEYS as readonly string[]).includes(sort.replace(/^-/, ''))
  ) {
    query.sort = sort as OverviewQuery['sort'];
  }
  const limit = Number(params.get('limit'));
  if (Number.isInteger(limit) && limit > 0) query.limit = limit;
  const cursor = params.get('cursor');
  if (cursor) query.cursor = cursor;
  return query;
}
