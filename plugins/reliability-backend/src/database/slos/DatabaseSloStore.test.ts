import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  countTimeSlices,
  SloDefinition,
  SloStatusReport,
} from '@reliability-suite/plugin-reliability-common';
import { createReliabilityStores } from '../ReliabilityStores';
import { MINUTE_MS } from './DatabaseSloStore';
import { testDatabaseIds } from '../__testUtils__/testDatabaseIds';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: testDatabaseIds,
  disableDocker: true,
});
const HOUR = 60 * MINUTE_MS;
const at = new Date('2026-11-23T12:00:00Z');
const ref = 'component:default/checkout-api';

const definition = (
  name: string,
  overrides: Partial<SloDefinition> = {},
): SloDefinition => ({
  name,
  target: 0.999,
  timeWindow: { kind: 'rolling', duration: '30d' },
  budgetingMethod: 'Occurrences',
  ...overrides,
});

async function createStore(databaseId: (typeof testDatabaseIds)[number]) {
  const knex = await databases.init(databaseId);
  return createReliabilityStores({
    database: mockServices.database({ knex, migrations: { skip: false } }),
  });
}

describe.each(databases.eachSupportedId())(
  'DatabaseSloStore on %s',
  databaseId => {
    it('creates an API SLO, and replaces it only with the current version', async () => {
      const stores = await createStore(databaseId);
      const created = await stores.slos.putApiSlo({
        entityRef: ref,
        definition: definition('availability'),
        actor: 'user:default/ana',
        at,
      });
      expect(created.created).toBe(true);
      expect(created.slo).toMatchObject({
        entityRef: ref,
        name: 'availability',
        source: 'api',
        version: 1,
        updatedBy: 'user:default/ana',
      });

      await expect(
        stores.slos.putApiSlo({
          entityRef: ref,
          definition: definition('availability', { target: 0.99 }),
          actor: 'x',
          at,
        }),
      ).rejects.toThrow('send If-Match: "1" to replace it');
      await expect(
        stores.slos.putApiSlo({
          entityRef: ref,
          definition: definition('availability', { target: 0.99 }),
          expectedVersion: 7,
          actor: 'x',
          at,
        }),
      ).rejects.toMatchObject({
        name: 'PreconditionFailedError',
        statusCode: 412,
      });

      const replaced = await stores.slos.putApiSlo({
        entityRef: ref,
        definition: definition('availability', { target: 0.99 }),
        expectedVersion: 1,
        actor: 'user:default/bruno',
        at,
      });
      expect(replaced.created).toBe(false);
      expect(replaced.slo).toMatchObject({
        version: 2,
        updatedBy: 'user:default/bruno',
      });
      expect(replaced.slo.definition.target).toBe(0.99);
    });

    it('lets exactly one of two concurrent replaces with the same version win', async () => {
      const stores = await createStore(databaseId);
      await stores.slos.putApiSlo({
        entityRef: ref,
        definition: definition('availability'),
        actor: 'a',
        at,
      });
      const results = await Promise.allSettled(
        [0.99, 0.95].map(target =>
          stores.slos.putApiSlo({
            entityRef: ref,
            definition: definition('availability', { target }),
            expectedVersion: 1,
            actor: 'a',
            at,
          }),
        ),
      );
      expect(results.filter(r => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.filter(
        r => r.status === 'rejected',
      ) as PromiseRejectedResult[];
      expect(rejected).toHaveLength(1);
      expect(rejected[0].reason).toMatchObject({ statusCode: 412 });
      const stored = await stores.slos.getSlo(ref, 'availability');
      expect(stored!.version).toBe(2);
    });

    it('syncs catalog SLOs and never lets the API replace them', async () => {
      const stores = await createStore(databaseId);
      await stores.slos.putApiSlo({
        entityRef: ref,
        definition: definition('from-api'),
        actor: 'a',
        at,
      });
      const first = await stores.slos.syncCatalogSlos({
        entityRef: ref,
        definitions: [definition('latency'), definition('from-api')],
        at,
      });
      expect(first.changed.map(s => s.name)).toEqual(['latency']);
      expect(first.skipped).toEqual(['from-api']);
      await expect(
        stores.slos.putApiSlo({
          entityRef: ref,
          definition: definition('latency'),
          expectedVersion: 1,
          actor: 'a',
          at,
        }),
      ).rejects.toMatchObject({ name: 'ConflictError' });

      // Unchanged definitions are not rewritten; a changed one bumps its version.
      expect(
        (
          await stores.slos.syncCatalogSlos({
            entityRef: ref,
            definitions: [definition('latency')],
            at,
          })
        ).changed,
      ).toEqual([]);
      const changed = await stores.slos.syncCatalogSlos({
        entityRef: ref,
        definitions: [definition('latency', { target: 0.995 })],
        at,
      });
      expect(changed.changed.map(s => [s.name, s.version])).toEqual([
        ['latency', 2],
      ]);

      // Gone from the file: removed, with its measurements; API SLOs stay.
      const latency = await stores.slos.getSlo(ref, 'latency');
      await stores.slos.writeMeasurements(latency!.id, [
        { start: at.getTime(), good: 1, total: 1 },
      ]);
      expect(
        await stores.slos.syncCatalogSlos({
          entityRef: ref,
          definitions: [],
          at,
        }),
      ).toMatchObject({ removed: 1 });
      expect((await stores.slos.listSlos(ref)).map(s => s.name)).toEqual([
        'from-api',
      ]);
      expect(
        await stores.slos.readBuckets(latency!.id, 0, Number.MAX_SAFE_INTEGER),
      ).toEqual([]);
    });

    it('keeps totals unchanged when the same batch is replayed 10 times', async () => {
      const stores = await createStore(databaseId);
      const { slo } = await stores.slos.putApiSlo({
        entityRef: ref,
        definition: definition('availability'),
        actor: 'a',
        at,
      });
      const batch = Array.from({ length: 1500 }, (_, i) => ({
        start: at.getTime() - i * MINUTE_MS,
        good: 1000 - (i % 7),
        total: 1000,
      }));
      for (let i = 0; i < 10; i++) {
        await stores.slos.writeMeasurements(slo.id, batch);
      }
      const buckets = await stores.slos.readBuckets(
        slo.id,
        at.getTime() - 2 * 24 * HOUR,
        at.getTime(),
      );
      expect(buckets).toHaveLength(1500);
      expect(buckets.reduce((n, b) => n + b.total, 0)).toBe(1_500_000);
      // Σ (i mod 7) over i < 1500: 214 full cycles of 21, plus 0+1 = 4495.
      expect(buckets.reduce((n, b) => n + b.good, 0)).toBe(1_500_000 - 4495);
      // A re-sent minute replaces the stored one.
      await stores.slos.writeMeasurements(slo.id, [
        { start: at.getTime(), good: 5, total: 10 },
      ]);
      const [latest] = await stores.slos.readBuckets(
        slo.id,
        at.getTime() - 1,
        at.getTime(),
      );
      expect(latest).toEqual({
        start: at.getTime(),
        durationMs: MINUTE_MS,
        good: 5,
        total: 10,
      });
    });

    it('rolls minutes up into hours with exact sums and slice counts', async () => {
      const stores = await createStore(databaseId);
      const timeslices = definition('latency', {
        budgetingMethod: 'Timeslices',
        target: 0.9,
        timeSliceTarget: 0.95,
        timeSliceWindow: '1m',
      });
      const { slo } = await stores.slos.putApiSlo({
        entityRef: ref,
        definition: timeslices,
        actor: 'a',
        at,
      });
      const start = Date.parse('2026-11-18T10:00:00Z');
      // Two and a half hours of minutes: 10:00–12:29, every 10th minute bad.
      const minutes = Array.from({ length: 150 }, (_, i) => ({
        start: start + i * MINUTE_MS,
        good: i % 10 === 0 ? 900 : 1000,
        total: 1000,
      }));
      await stores.slos.writeMeasurements(slo.id, minutes);
      const rolled = await stores.slos.rollUpBuckets({
        fromMs: MINUTE_MS,
        toMs: HOUR,
        // 12:10 rounds down to 12:00: only whole hours roll up.
        before: Date.parse('2026-11-18T12:10:00Z'),
        sliceCounts: (s, buckets) => countTimeSlices(s.definition, buckets),
      });
      expect(rolled).toBe(120);
      const after = await stores.slos.readBuckets(
        slo.id,
        start - 1,
        start + 3 * HOUR,
      );
      expect(after.filter(b => b.durationMs === HOUR)).toEqual([
        {
          start,
          durationMs: HOUR,
          good: 59_400,
          total: 60_000,
          dataSlices: 60,
          badSlices: 6,
        },
        {
          start: start + HOUR,
          durationMs: HOUR,
          good: 59_400,
          total: 60_000,
          dataSlices: 60,
          badSlices: 6,
        },
      ]);
      expect(after.filter(b => b.durationMs === MINUTE_MS)).toHaveLength(30);
      const sum = (field: 'good' | 'total') =>
        after.reduce((n, b) => n + b[field], 0);
      expect(sum('total')).toBe(150_000);
      expect(sum('good')).toBe(150_000 - 15 * 100);
    });

    it('rolls a RatioTimeslices SLO up with the shortfall of its slices', async () => {
      const stores = await createStore(databaseId);
      const { slo } = await stores.slos.putApiSlo({
        entityRef: ref,
        definition: definition('ratio', {
          budgetingMethod: 'RatioTimeslices',
          target: 0.9,
          timeSliceWindow: '5m',
        }),
        actor: 'a',
        at,
      });
      const start = Date.parse('2026-11-18T10:00:00Z');
      // One hour of minutes: the first of every 5-minute slice has 200 of
      // 1,000 bad, so each of the 12 slices is short by 200 / 5,000.
      const minutes = Array.from({ length: 60 }, (_, i) => ({
        start: start + i * MINUTE_MS,
        good: i % 5 === 0 ? 800 : 1000,
        total: 1000,
      }));
      await stores.slos.writeMeasurements(slo.id, minutes);
      await stores.slos.rollUpBuckets({
        fromMs: MINUTE_MS,
        toMs: HOUR,
        before: Date.parse('2026-11-18T11:00:00Z'),
        sliceCounts: (s, buckets) => countTimeSlices(s.definition, buckets),
      });
      const [hour] = await stores.slos.readBuckets(slo.id, 0, start + HOUR);
      expect(hour).toEqual({
        start,
        durationMs: HOUR,
        good: 57_600,
        total: 60_000,
        dataSlices: 12,
        sliceShortfall: expect.closeTo(12 * 0.04, 12),
      });
    });

    it('refuses a history range whose edge a rollup has just moved into an hour, and writes nothing', async () => {
      const stores = await createStore(databaseId);
      const { slo } = await stores.slos.putApiSlo({
        entityRef: ref,
        definition: definition('edge'),
        actor: 'a',
        at,
      });
      const start = Date.parse('2026-11-18T10:00:00Z');
      const minutes = Array.from({ length: 60 }, (_, i) => ({
        start: start + i * MINUTE_MS,
        good: 99,
        total: 100,
      }));
      await stores.slos.writeMeasurements(slo.id, minutes);
      await stores.slos.rollUpBuckets({
        fromMs: MINUTE_MS,
        toMs: HOUR,
        before: start + HOUR,
        sliceCounts: () => undefined,
      });
      // Checked while 10:30 was still a minute of its own: now it lies
      // inside the hour 10:00–11:00.
      await expect(
        stores.slos.replaceBuckets(
          slo.id,
          { from: start + 30 * MINUTE_MS, to: start + 40 * MINUTE_MS },
          [],
        ),
      ).rejects.toThrow(
        'Measurements from 2026-11-18T10:00:00.000Z were just rolled up into a bucket of 60 minutes that crosses the edge of this range',
      );
      await expect(
        stores.slos.replaceBuckets(
          slo.id,
          { from: start - HOUR, to: start + 30 * MINUTE_MS },
          [],
        ),
      ).rejects.toThrow('crosses the edge of this range');
      expect(
        await stores.slos.readBuckets(slo.id, start - 1, start + HOUR),
      ).toEqual([
        {
          start,
          durationMs: HOUR,
          good: 5_940,
          total: 6_000,
        },
      ]);
    });

    it('writes no measurements for an SLO deleted meanwhile', async () => {
      const stores = await createStore(databaseId);
      const { slo } = await stores.slos.putApiSlo({
        entityRef: ref,
        definition: definition('gone'),
        actor: 'a',
        at,
      });
      await stores.slos.deleteApiSlo(ref, 'gone', slo.version);
      const minute = {
        start: Date.parse('2026-11-23T11:00:00Z'),
        good: 1,
        total: 1,
      };
      await expect(
        stores.slos.writeMeasurements(slo.id, [minute]),
      ).rejects.toThrow(
        'The SLO was deleted while its measurements were being written',
      );
      await expect(
        stores.slos.replaceBuckets(
          slo.id,
          { from: minute.start, to: minute.start + MINUTE_MS },
          [{ ...minute, durationMs: MINUTE_MS }],
        ),
      ).rejects.toThrow('The SLO was deleted');
    });

    it('rolls up only the SLOs named, and tells the newest bucket of any resolution', async () => {
      const stores = await createStore(databaseId);
      const put = (name: string) =>
        stores.slos.putApiSlo({
          entityRef: ref,
          definition: definition(name),
          actor: 'a',
          at,
        });
      const { slo: a } = await put('a');
      const { slo: b } = await put('b');
      expect(await stores.slos.newestBucketStart(a.id)).toBeNull();
      const start = Date.parse('2026-11-18T10:00:00Z');
      const minutes = Array.from({ length: 60 }, (_, i) => ({
        start: start + i * MINUTE_MS,
        good: 99,
        total: 100,
      }));
      await stores.slos.writeMeasurements(a.id, minutes);
      await stores.slos.writeMeasurements(b.id, minutes);
      expect(await stores.slos.newestBucketStart(a.id)).toBe(
        start + 59 * MINUTE_MS,
      );
      const rolled = await stores.slos.rollUpBuckets({
        fromMs: MINUTE_MS,
        toMs: HOUR,
        before: start + HOUR,
        sloIds: [a.id],
        sliceCounts: () => undefined,
      });
      expect(rolled).toBe(60);
      // a holds one hour now (newest bucket: its start); b its 60 minutes.
      expect(await stores.slos.newestBucketStart(a.id)).toBe(start);
      expect(
        await stores.slos.readBuckets(a.id, start - 1, start + HOUR),
      ).toMatchObject([{ start, durationMs: HOUR, good: 5_940, total: 6_000 }]);
      expect(
        await stores.slos.readBuckets(b.id, start - 1, start + HOUR),
      ).toHaveLength(60);
    });

    it('sums several ranges of bucket starts in one query', async () => {
      const stores = await createStore(databaseId);
      const { slo } = await stores.slos.putApiSlo({
        entityRef: ref,
        definition: definition('availability'),
        actor: 'a',
        at,
      });
      const t = at.getTime();
      await stores.slos.writeMeasurements(slo.id, [
        { start: t - 10 * MINUTE_MS, good: 90, total: 100 },
        { start: t - 5 * MINUTE_MS, good: 8, total: 10 },
        { start: t, good: 1, total: 1 },
      ]);
      await expect(
        stores.slos.sumBuckets(slo.id, [
          { fromExclusive: t - 10 * MINUTE_MS, toInclusive: t }, // excludes t − 10m
          { fromExclusive: t - 11 * MINUTE_MS, toInclusive: t - MINUTE_MS },
          { fromExclusive: t, toInclusive: t + HOUR }, // nothing after t
        ]),
      ).resolves.toEqual([
        { good: 9, total: 11 },
        { good: 98, total: 110 },
        { good: 0, total: 0 },
      ]);
    });

    it('keeps running totals right when buckets arrive out of order, are replaced or expire', async () => {
      const knex = await databases.init(databaseId);
      const stores = await createReliabilityStores({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      const { slo } = await stores.slos.putApiSlo({
        entityRef: ref,
        definition: definition('availability'),
        actor: 'a',
        at,
      });
      const t = at.getTime();
      const sums = () =>
        stores.slos.sumBuckets(slo.id, [
          { fromExclusive: t - 11 * MINUTE_MS, toInclusive: t },
          { fromExclusive: t - 6 * MINUTE_MS, toInclusive: t },
        ]);
      await stores.slos.writeMeasurements(slo.id, [
        { start: t - 10 * MINUTE_MS, good: 90, total: 100 },
        { start: t, good: 1, total: 1 },
      ]);
      // A minute between the two arrives late.
      await stores.slos.writeMeasurements(slo.id, [
        { start: t - 5 * MINUTE_MS, good: 8, total: 10 },
      ]);
      await expect(sums()).resolves.toEqual([
        { good: 99, total: 111 },
        { good: 9, total: 11 },
      ]);
      // The first minute is sent again with other counts: replaced.
      await stores.slos.writeMeasurements(slo.id, [
        { start: t - 10 * MINUTE_MS, good: 80, total: 100 },
      ]);
      await expect(sums()).resolves.toEqual([
        { good: 89, total: 111 },
        { good: 9, total: 11 },
      ]);
      // Retention deletes it: the window holds the other two.
      await stores.slos.deleteBucketsBefore(MINUTE_MS, t - 7 * MINUTE_MS);
      await expect(sums()).resolves.toEqual([
        { good: 9, total: 11 },
        { good: 9, total: 11 },
      ]);
      // The migration fills the running totals of data already in place.
      const directory = require('path').resolve(
        __dirname,
        '../../../migrations',
      );
      await knex.migrate.down({ directory });
      await knex.migrate.latest({ directory });
      await expect(sums()).resolves.toEqual([
        { good: 9, total: 11 },
        { good: 9, total: 11 },
      ]);
    });

    it('stores status and lists SLOs with it', async () => {
      const stores = await createStore(databaseId);
      const { slo } = await stores.slos.putApiSlo({
        entityRef: ref,
        definition: definition('availability'),
        actor: 'a',
        at,
      });
      expect((await stores.slos.listSlos(ref))[0].status).toBeNull();
      const report = {
        at: at.toISOString(),
        window: { start: '2026-10-24T12:00:00.000Z', end: at.toISOString() },
        good: 1,
        total: 1,
        attainment: 1,
        errorBudget: { total: 0.001, consumed: 0, remaining: 1 },
        burnRates: { '5m': 0, '30m': 0, '1h': 0, '6h': 0, '1d': 0, '3d': 0 },
        alerts: [],
        suppressedAlerts: [],
        policyAlerts: [],
        status: 'healthy' as const,
        projectedExhaustion: null,
      };
      await stores.slos.saveSloStatus(slo.id, report, at);
      await stores.slos.saveSloStatus(
        slo.id,
        { ...report, status: 'at-risk' },
        at,
      );
      const [listed] = await stores.slos.listSlos(ref);
      expect(listed.status).toEqual({ ...report, status: 'at-risk' });
      expect(listed.statusComputedAt).toEqual(at);
    });

    it('keeps suppressed alerts, and reads older reports as having none (nor policy alerts)', async () => {
      const stores = await createStore(databaseId);
      const { slo } = await stores.slos.putApiSlo({
        entityRef: ref,
        definition: definition('availability'),
        actor: 'a',
        at,
      });
      const report: SloStatusReport = {
        at: at.toISOString(),
        window: { start: '2026-10-24T12:00:00.000Z', end: at.toISOString() },
        good: 1,
        total: 3,
        attainment: 1 / 3,
        errorBudget: { total: 0.003, consumed: 2 / 0.003, remaining: 0.5 },
        burnRates: { '5m': 1, '30m': 1, '1h': 1, '6h': 1, '1d': 1, '3d': 1 },
        alerts: [],
        suppressedAlerts: [
          {
            severity: 'page',
            longWindow: '1h',
            shortWindow: '5m',
            threshold: 14.4,
            events: 3,
            minEvents: 100,
          },
        ],
        policyAlerts: [],
        status: 'healthy',
        projectedExhaustion: null,
      };
      await stores.slos.saveSloStatus(slo.id, report, at);
      expect((await stores.slos.listSlos(ref))[0].status).toEqual(report);

      // A report saved before the fields existed.
      const { suppressedAlerts: _, policyAlerts: __, ...older } = report;
      await stores.slos.saveSloStatus(
        slo.id,
        older as unknown as SloStatusReport,
        at,
      );
      expect((await stores.slos.listSlos(ref))[0].status).toEqual({
        ...older,
        suppressedAlerts: [],
        policyAlerts: [],
      });
    });

    it('records OpenSLO file problems and budget exceptions', async () => {
      const stores = await createStore(databaseId);
      await stores.slos.setSloSyncProblems(
        ref,
        './slos.yaml',
        [{ document: 2, path: 'spec', message: 'bad' }],
        at,
      );
      expect(await stores.slos.getSloSyncProblems(ref)).toEqual({
        location: './slos.yaml',
        problems: [{ document: 2, path: 'spec', message: 'bad' }],
      });
      await stores.slos.clearSloSyncProblems(ref);
      expect(await stores.slos.getSloSyncProblems(ref)).toBeUndefined();

      const exception = await stores.slos.createBudgetException({
        entityRef: ref,
        reason: 'Hotfix for the payment outage',
        startsAt: at,
        endsAt: new Date(at.getTime() + 24 * HOUR),
        approvedBy: 'user:default/gita',
        createdAt: at,
      });
      expect(exception).toMatchObject({
        entityRef: ref,
        approvedBy: 'user:default/gita',
      });
      expect(
        await stores.slos.listBudgetExceptions(
          ref,
          new Date(at.getTime() + HOUR),
        ),
      ).toHaveLength(1);
      expect(
        await stores.slos.listBudgetExceptions(
          ref,
          new Date(at.getTime() + 25 * HOUR),
        ),
      ).toHaveLength(0);
      expect(
        await stores.slos.listBudgetExceptions(
          ref,
          new Date(at.getTime() - HOUR),
        ),
      ).toHaveLength(0);
    });

    it('migrates down and up with SLO data in place', async () => {
      const knex = await databases.init(databaseId);
      const stores = await createReliabilityStores({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      const { slo } = await stores.slos.putApiSlo({
        entityRef: ref,
        definition: definition('availability'),
        actor: 'a',
        at,
      });
      await stores.slos.writeMeasurements(slo.id, [
        { start: at.getTime(), good: 1, total: 1 },
      ]);
      const directory = require('path').resolve(
        __dirname,
        '../../../migrations',
      );
      await knex.migrate.rollback({ directory }, true);
      for (const table of [
        'slos',
        'sli_buckets',
        'entity_tiers',
        'rotations',
      ]) {
        expect(await knex.schema.hasTable(table)).toBe(false);
      }
      await knex.migrate.latest({ directory });
      expect(await knex.schema.hasTable('sli_buckets')).toBe(true);
    });
  },
);
