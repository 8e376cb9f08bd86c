import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { createReliabilityStores } from '../ReliabilityStores';
import { SummaryPageQuery, SummaryRecord } from './EntitySummaryStore';
import { testDatabaseIds } from '../__testUtils__/testDatabaseIds';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: testDatabaseIds,
  disableDocker: true,
});

const record = (
  entityRef: string,
  fields: Partial<SummaryRecord>,
): SummaryRecord => {
  const [kind, rest] = entityRef.split(':');
  const [namespace, name] = rest.split('/');
  return {
    entityRef,
    kind,
    namespace,
    name,
    title: null,
    tier: null,
    tierRank: 1000,
    owner: null,
    system: null,
    lifecycle: 'production',
    rotationId: null,
    sloCount: 0,
    sloStatus: 'none',
    budgetRemaining: null,
    onCallNow: null,
    openActions: 0,
    overdueActions: 0,
    readinessScore: 0.5,
    ready: false,
    reviewState: null,
    gaps: [],
    updatedAt: '2026-11-23T12:00:00.000Z',
    ...fields,
  };
};

const A = record('component:default/a', {
  title: 'Alpha Checkout',
  tier: 'tier-0',
  tierRank: 0,
  owner: 'group:default/payments',
  system: 'system:default/commerce',
  rotationId: 'payments-primary',
  sloCount: 2,
  sloStatus: 'page',
  budgetRemaining: 0.1,
  onCallNow: 'user:default/ana',
  openActions: 3,
  overdueActions: 1,
  readinessScore: 0.75,
  gaps: ['single-person-rotation', 'overdue-actions'],
});
const B = record('component:default/b', {
  tier: 'tier-1',
  tierRank: 1,
  owner: 'group:default/payments-eu',
  sloCount: 1,
  sloStatus: 'healthy',
  budgetRemaining: 0.8,
  readinessScore: 1,
  ready: true,
  reviewState: 'approved',
});
const C = record('component:default/c', {
  lifecycle: 'experimental',
  gaps: ['no-owner', 'no-tier'],
});
const D = record('system:default/d', {
  tier: 'tier-0',
  tierRank: 0,
  owner: 'group:default/sre',
  sloCount: 1,
  sloStatus: 'exhausted',
  budgetRemaining: -0.2,
  gaps: ['nobody-on-call'],
});
const E = record('api:default/e', {
  tier: 'tier-2',
  tierRank: 2,
  owner: 'group:default/payments',
  sloCount: 1,
  sloStatus: 'no-data',
  ready: true,
  readinessScore: 1,
  gaps: ['no-rotation'],
});

const baseQuery: SummaryPageQuery = {
  filters: {},
  visibility: { all: true },
  sort: { key: 'name', descending: false },
  limit: 50,
  tierIds: ['tier-0', 'tier-1', 'tier-2', 'tier-3'],
  withFacets: true,
};

async function createStore(databaseId: (typeof testDatabaseIds)[number]) {
  const knex = await databases.init(databaseId);
  const { summaries: store } = await createReliabilityStores({
    database: mockServices.database({ knex, migrations: { skip: false } }),
  });
  await store.upsertSummaries([A, B, C, D, E]);
  return store;
}

const refs = (page: { items: SummaryRecord[] }) =>
  page.items.map(i => i.entityRef);

describe.each(databases.eachSupportedId())(
  'DatabaseEntitySummaryStore on %s',
  databaseId => {
    it('stores rows and replaces them by entity ref', async () => {
      const store = await createStore(databaseId);
      expect(await store.getSummaries([A.entityRef, D.entityRef])).toEqual(
        expect.arrayContaining([A, D]),
      );
      const changed = { ...A, overdueActions: 0, gaps: [] };
      await store.upsertSummaries([changed]);
      expect(await store.getSummaries([A.entityRef])).toEqual([changed]);
      expect((await store.listSummaryRefs()).sort()).toEqual(
        [A, B, C, D, E].map(r => r.entityRef).sort(),
      );
      expect(
        (
          await store.summaryRefsFor({
            owners: ['group:default/sre'],
            rotationIds: ['payments-primary'],
          })
        ).sort(),
      ).toEqual([A.entityRef, D.entityRef]);
      await store.deleteSummaries([C.entityRef]);
      expect(await store.getSummaries([C.entityRef])).toEqual([]);
    });

    it('pages by name with a cursor, counting every facet', async () => {
      const store = await createStore(databaseId);
      const first = await store.querySummaries({ ...baseQuery, limit: 2 });
      expect(refs(first)).toEqual([A.entityRef, B.entityRef]);
      expect(first).toMatchObject({
        totalCount: 5,
        hasMore: true,
        lastSortValue: 'b',
        facets: {
          tier: { 'tier-0': 2, 'tier-1': 1, 'tier-2': 1, 'tier-3': 0, none: 1 },
          status: {
            exhausted: 1,
            page: 1,
            ticket: 0,
            'at-risk': 0,
            healthy: 1,
            'no-data': 1,
            none: 1,
          },
          readiness: { ready: 2, 'not-ready': 3 },
          gap: {
            'no-owner': 1,
            'no-tier': 1,
            'no-rotation': 1,
            'nobody-on-call': 1,
            'single-person-rotation': 1,
            'overdue-actions': 1,
            'owner-not-found': 0,
          },
        },
      });
      const second = await store.querySummaries({
        ...baseQuery,
        limit: 2,
        after: { value: 'b', entityRef: B.entityRef },
      });
      expect(refs(second)).toEqual([C.entityRef, D.entityRef]);
      const third = await store.querySummaries({
        ...baseQuery,
        limit: 2,
        after: { value: 'd', entityRef: D.entityRef },
      });
      expect(refs(third)).toEqual([E.entityRef]);
      expect(third.hasMore).toBe(false);
    });

    it('neither skips nor repeats rows when others are inserted between pages', async () => {
      const store = await createStore(databaseId);
      const seen: string[] = [];
      let after: SummaryPageQuery['after'];
      for (let page = 0; ; page++) {
        const result = await store.querySummaries({
          ...baseQuery,
          limit: 2,
          after,
          withFacets: false,
        });
        seen.push(...refs(result));
        if (!result.hasMore) break;
        // Rows sorting before and after the cursor arrive meanwhile.
        await store.upsertSummaries([
          record(`component:default/0-before-${page}`, {}),
          record(`component:default/zz-after-${page}`, {}),
        ]);
        after = {
          value: result.lastSortValue!,
          entityRef: result.items[result.items.length - 1].entityRef,
        };
      }
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.slice(0, 5)).toEqual([A, B, C, D, E].map(r => r.entityRef));
      // Pages [a b] [c d] [e zz-0] [zz-1 zz-2]: rows inserted after the
      // cursor's position are reached, those before it never repeat.
      expect(seen.slice(5)).toEqual([
        'component:default/zz-after-0',
        'component:default/zz-after-1',
        'component:default/zz-after-2',
      ]);
    });

    it('counts each facet without its own filter', async () => {
      const store = await createStore(databaseId);
      const page = await store.querySummaries({
        ...baseQuery,
        filters: { tiers: ['tier-0'] },
      });
      expect(refs(page)).toEqual([A.entityRef, D.entityRef]);
      expect(page.totalCount).toBe(2);
      // Other tiers stay countable, so the chips say what choosing gives.
      expect(page.facets!.tier).toEqual({
        'tier-0': 2,
        'tier-1': 1,
        'tier-2': 1,
        'tier-3': 0,
        none: 1,
      });
      expect(page.facets!.gap).toMatchObject({
        'nobody-on-call': 1,
        'single-person-rotation': 1,
        'no-owner': 0,
        'no-rotation': 0,
      });
      expect(page.facets!.readiness).toEqual({ ready: 0, 'not-ready': 2 });
    });

    it.each<[string, SummaryPageQuery['filters'], SummaryRecord[]]>([
      ['a gap (any of several)', { gaps: ['no-rotation', 'no-owner'] }, [C, E]],
      ['no tier', { tiers: ['none'] }, [C]],
      ['a tier or none', { tiers: ['tier-1', 'none'] }, [B, C]],
      ['owners', { owners: ['group:default/payments'] }, [A, E]],
      ['kinds', { kinds: ['system', 'api'] }, [D, E]],
      ['lifecycle', { lifecycles: ['experimental'] }, [C]],
      ['system', { systems: ['system:default/commerce'] }, [A]],
      ['SLO status', { statuses: ['exhausted', 'no-data'] }, [D, E]],
      ['no SLO', { statuses: ['none'] }, [C]],
      ['ready', { readiness: ['ready'] }, [B, E]],
      ['not ready', { readiness: ['not-ready'] }, [A, C, D]],
      ['title text, any case', { text: 'CHECKOUT' }, [A]],
      ['a literal % in text', { text: '%' }, []],
      [
        'filters together',
        { owners: ['group:default/payments'], tiers: ['tier-0'] },
        [A],
      ],
    ])('filters by %s', async (_name, filters, expected) => {
      const store = await createStore(databaseId);
      const page = await store.querySummaries({ ...baseQuery, filters });
      expect(refs(page)).toEqual(expected.map(r => r.entityRef));
      expect(page.totalCount).toBe(expected.length);
    });

    it('hides and never counts rows the caller may not see', async () => {
      const store = await createStore(databaseId);
      const page = await store.querySummaries({
        ...baseQuery,
        visibility: {
          anyOf: [
            { owners: ['group:default/payments'] },
            { allOf: [{ kinds: ['system'] }, { not: { owners: [] } }] },
          ],
        },
      });
      expect(refs(page)).toEqual([A.entityRef, D.entityRef, E.entityRef]);
      expect(page.totalCount).toBe(3);
      expect(page.facets!.tier).toMatchObject({
        'tier-0': 2,
        'tier-2': 1,
        none: 0,
      });
      const none = await store.querySummaries({
        ...baseQuery,
        visibility: { none: true },
      });
      expect(none).toMatchObject({ items: [], totalCount: 0 });
      expect(none.facets!.readiness).toEqual({ ready: 0, 'not-ready': 0 });
    });

    it('sorts descending with missing budgets last and ties by ref', async () => {
      const store = await createStore(databaseId);
      const asc = await store.querySummaries({
        ...baseQuery,
        sort: { key: 'budget', descending: false },
      });
      // No budget sorts after every budget; C and E tie, broken by ref.
      expect(refs(asc)).toEqual([
        D.entityRef,
        A.entityRef,
        B.entityRef,
        E.entityRef,
        C.entityRef,
      ]);
      const desc = await store.querySummaries({
        ...baseQuery,
        sort: { key: 'budget', descending: true },
        limit: 2,
      });
      expect(refs(desc)).toEqual([C.entityRef, E.entityRef]);
      const rest = await store.querySummaries({
        ...baseQuery,
        sort: { key: 'budget', descending: true },
        after: { value: desc.lastSortValue!, entityRef: E.entityRef },
      });
      expect(refs(rest)).toEqual([B.entityRef, A.entityRef, D.entityRef]);
      const byTier = await store.querySummaries({
        ...baseQuery,
        sort: { key: 'tier', descending: false },
      });
      expect(refs(byTier)).toEqual([
        A.entityRef,
        D.entityRef,
        B.entityRef,
        E.entityRef,
        C.entityRef,
      ]);
    });

    it('updates budgets alone', async () => {
      const store = await createStore(databaseId);
      await store.updateBudgets([
        { entityRef: A.entityRef, budgetRemaining: 0.05 },
        { entityRef: B.entityRef, budgetRemaining: null },
      ]);
      const [a] = await store.getSummaries([A.entityRef]);
      const [b] = await store.getSummaries([B.entityRef]);
      expect([a.budgetRemaining, b.budgetRemaining]).toEqual([0.05, null]);
      expect(a.sloStatus).toBe('page');
    });
  },
);
