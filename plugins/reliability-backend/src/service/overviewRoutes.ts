import { JsonValue } from '@backstage/types';
import { decodeCursor, encodeCursor } from '../request/cursor';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  OVERVIEW_KINDS,
  OVERVIEW_SORT_KEYS,
  OverviewResponse,
  OverviewRow,
  OWNERSHIP_GAP_CODES,
} from '@reliability-suite/plugin-reliability-common';
import { Request, Router } from 'express';
import { z } from 'zod/v3';
import {
  SummaryFilters,
  SummaryRecord,
} from '../database/summaries/EntitySummaryStore';
import { OVERVIEW_STATUS_ORDER } from '../database/summaries/summaryRows';
import { parseInput } from '../request/parseInput';
import { RouteContext } from './RouteContext';

/** The largest page; the UI asks for 50. */
export const MAX_OVERVIEW_PAGE = 200;
const CSV_PAGE = 1000;

/** `a,b` or repeated parameters, as a list. */
function list<T extends z.ZodTypeAny>(item: T) {
  return z
    .preprocess(
      value =>
        value === undefined
          ? undefined
          : (Array.isArray(value) ? value : [value])
              .flatMap(v => (typeof v === 'string' ? v.split(',') : [v]))
              .map(v => (typeof v === 'string' ? v.trim() : v))
              .filter(v => v !== ''),
      z.array(item).max(50, 'must list at most 50 values'),
    )
    .optional();
}

const refOf = (kind: string, hint: string) =>
  z
    .string()
    .transform(v => {
      const lower = v.toLocaleLowerCase('en-US');
      const withKind = lower.includes(':') ? lower : `${kind}:${lower}`;
      return withKind.includes('/')
        ? withKind
        : withKind.replace(':', ':default/');
    })
    .refine(
      v => /^[a-z][a-z0-9]*:[a-z0-9._-]+\/[a-z0-9._-]+$/.test(v),
      `must be an entity ref such as ${hint}`,
    );

const sortValues = [
  ...OVERVIEW_SORT_KEYS,
  ...OVERVIEW_SORT_KEYS.map(k => `-${k}` as const),
] as [string, ...string[]];

const filterShape = {
  owner: list(refOf('group', 'group:default/payments')),
  includeChildGroups: z.enum(['true', 'false']).optional(),
  tier: list(z.string().max(64)),
  kind: list(
    z
      .string()
      .transform(v => v.toLocaleLowerCase('en-US'))
      .refine(
        v => OVERVIEW_KINDS.some(k => k.toLocaleLowerCase('en-US') === v),
        `must be one of ${OVERVIEW_KINDS.join(', ')}`,
      ),
  ),
  lifecycle: list(z.string().max(63)),
  system: list(refOf('system', 'system:default/commerce')),
  gap: list(z.enum(OWNERSHIP_GAP_CODES as [string, ...string[]])),
  status: list(z.enum(OVERVIEW_STATUS_ORDER as [string, ...string[]])),
  readiness: list(z.enum(['ready', 'not-ready'])),
  q: z.string().max(100, 'must be at most 100 characters').optional(),
  sort: z.enum(sortValues).optional(),
};

const overviewQuerySchema = z
  .object({
    ...filterShape,
    limit: z.coerce
      .number()
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(MAX_OVERVIEW_PAGE, `must be at most ${MAX_OVERVIEW_PAGE}`)
      .optional(),
    cursor: z.string().max(1000).optional(),
  })
  .strict();

type OverviewQueryInput = z.infer<typeof overviewQuerySchema>;

function toRow(record: SummaryRecord): OverviewRow {
  const { tierRank: _rank, rotationId: _rotation, ...row } = record;
  return row;
}

function encodeOverviewCursor(sort: string, value: unknown, entityRef: string) {
  return encodeCursor({ s: sort, v: value as JsonValue, r: entityRef });
}

function decodeOverviewCursor(
  cursor: string,
  sort: string,
): { value: string | number | null; entityRef: string } {
  const parsed = decodeCursor(
    cursor,
    (v: any): v is { s: string; v: string | number; r: string } =>
      v?.s === sort &&
      typeof v.r === 'string' &&
      ['string', 'number'].includes(typeof v.v),
    'a previous page of this sort order',
  );
  return { value: parsed.v, entityRef: parsed.r };
}

/** RFC 4180 quoting; text that a spreadsheet would run as a formula is
 *  prefixed with an apostrophe. */
function csvCell(value: string | number | boolean | null): string {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const CSV_COLUMNS: Array<
  [string, (row: OverviewRow) => string | number | boolean | null]
> = [
  ['entityRef', r => r.entityRef],
  ['title', r => r.title],
  ['kind', r => r.kind],
  ['tier', r => r.tier],
  ['owner', r => r.owner],
  ['system', r => r.system],
  ['lifecycle', r => r.lifecycle],
  ['sloCount', r => r.sloCount],
  ['sloStatus', r => r.sloStatus],
  ['budgetRemaining', r => r.budgetRemaining],
  ['onCallNow', r => r.onCallNow],
  ['openActions', r => r.openActions],
  ['overdueActions', r => r.overdueActions],
  ['readinessScore', r => r.readinessScore],
  ['ready', r => r.ready],
  ['reviewState', r => r.reviewState],
  ['gaps', r => r.gaps.join(' ')],
];

/**
 * The catalog-wide overview, read from the stored summaries: filtered,
 * sorted, paged with a keyset cursor, with facet counts; and the same rows
 * as CSV. Rows the caller may not read are neither listed nor counted.
 */
export function registerOverviewRoutes(router: Router, ctx: RouteContext) {
  const { httpAuth, stores, tierPolicy, ownershipService } = ctx.deps;
  async function filtersOf(
    query: OverviewQueryInput,
    credentials: BackstageCredentials,
  ): Promise<SummaryFilters> {
    const tierIds = tierPolicy.getPolicies().map(p => p.id);
    for (const tier of query.tier ?? []) {
      if (tier !== 'none' && !tierIds.includes(tier)) {
        throw new InputError(
          `Invalid query parameter 'tier': '${tier}' is not a tier; use one of ${[
            ...tierIds,
            'none',
          ].join(', ')}`,
        );
      }
    }
    let owners = query.owner;
    if (owners && query.includeChildGroups === 'true') {
      const expanded = await Promise.all(
        owners.map(owner =>
          owner.startsWith('group:')
            ? ownershipService.groupWithDescendants(owner, credentials)
            : [owner],
        ),
      );
      owners = [...new Set(expanded.flat())];
    }
    return {
      owners,
      tiers: query.tier,
      kinds: query.kind,
      lifecycles: query.lifecycle,
      systems: query.system,
      gaps: query.gap as SummaryFilters['gaps'],
      statuses: query.status as SummaryFilters['statuses'],
      readiness: query.readiness as SummaryFilters['readiness'],
      text: query.q?.trim() || undefined,
    };
  }

  async function start(req: Request, schema: z.ZodTypeAny) {
    const query = parseInput(
      schema,
      req.query,
      'query parameter',
    ) as OverviewQueryInput;
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const sortParam = query.sort ?? 'name';
    return {
      query,
      sortParam,
      sort: {
        key: sortParam.replace(/^-/, ''),
        descending: sortParam.startsWith('-'),
      },
      filters: await filtersOf(query, credentials),
      visibility: await ctx.visibilityOf(credentials),
      tierIds: tierPolicy.getPolicies().map(p => p.id),
    };
  }

  router.get('/v1/overview', async (req, res) => {
    const { query, sortParam, sort, filters, visibility, tierIds } =
      await start(req, overviewQuerySchema);
    const limit = query.limit ?? 50;
    const page = await stores.summaries.querySummaries({
      filters,
      visibility,
      sort,
      limit,
      after: query.cursor
        ? decodeOverviewCursor(query.cursor, sortParam)
        : undefined,
      tierIds,
      withFacets: true,
    });
    const last = page.items[page.items.length - 1];
    const body: OverviewResponse = {
      items: page.items.map(toRow),
      totalCount: page.totalCount,
      facets: page.facets!,
      ...(page.hasMore && last
        ? {
            nextCursor: encodeOverviewCursor(
              sortParam,
              page.lastSortValue,
              last.entityRef,
            ),
          }
        : {}),
    };
    res.json(body);
  });

  router.get('/v1/overview.csv', async (req, res) => {
    const { sort, filters, visibility, tierIds } = await start(
      req,
      z.object(filterShape).strict(),
    );
    res.type('text/csv; charset=utf-8');
    res.setHeader(
      'Content-Disposition',
      'attachment; filename="reliability-overview.csv"',
    );
    res.write(`${CSV_COLUMNS.map(([name]) => name).join(',')}\r\n`);
    let after: { value: string | number | null; entityRef: string } | undefined;
    for (;;) {
      const page = await stores.summaries.querySummaries({
        filters,
        visibility,
        sort,
        limit: CSV_PAGE,
        after,
        tierIds,
        withFacets: false,
      });
      const lines = page.items
        .map(toRow)
        .map(row =>
          CSV_COLUMNS.map(([, cell]) => csvCell(cell(row))).join(','),
        );
      if (lines.length > 0) res.write(`${lines.join('\r\n')}\r\n`);
      const last = page.items[page.items.length - 1];
      if (!page.hasMore || !last) break;
      after = { value: page.lastSortValue ?? null, entityRef: last.entityRef };
    }
    res.end();
  });
}
