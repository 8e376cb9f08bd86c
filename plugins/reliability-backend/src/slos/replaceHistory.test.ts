import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { SloDefinition } from '@reliability-suite/plugin-reliability-common';
import { createReliabilityStores } from '../database/ReliabilityStores';
import { MINUTE_MS } from '../database/slos/DatabaseSloStore';
import { testDatabaseIds } from '../database/__testUtils__/testDatabaseIds';
import { DAY_MS, HOUR_MS } from './historyBuckets';
import { SloService } from './SloService';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: testDatabaseIds,
  disableDocker: true,
});
const now = new Date('2026-11-23T12:00:00Z');
const at = now.getTime();
const iso = (ms: number) => new Date(ms).toISOString();

/*
 * A 30-day Occurrences SLO with 99 % target, loaded with history at 29,
 * 20 and 10 days and one recent minute. Worked by hand:
 *   29 d: 9,900 of 10,000   20 d: 19,800 of 20,000   10 d: 29,700 of 30,000
 *   1 h ago: 39,900 of 40,000
 *   window: 99,300 good of 100,000, attainment 0.993; bad 700 of an
 *   allowed 1 % × 100,000 = 1,000, so 30 % of the budget remains.
 */
const history = [
  { timestamp: '2026-10-25T12:00:00Z', good: 9_900, total: 10_000 },
  { timestamp: '2026-11-03T12:00:00Z', good: 19_800, total: 20_000 },
  { timestamp: '2026-11-13T12:00:00Z', good: 29_700, total: 30_000 },
  { timestamp: '2026-11-23T11:00:00Z', good: 39_900, total: 40_000 },
];
const range = { from: '2026-10-24T00:00:00Z', to: '2026-11-23T12:00:00Z' };

describe.each(databases.eachSupportedId())(
  'SloService.replaceHistory on %s',
  databaseId => {
    async function setup(
      overrides: Partial<SloDefinition> = {},
      historyMarginMs?: number,
    ) {
      const knex = await databases.init(databaseId);
      const stores = await createReliabilityStores({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      const service = new SloService({
        stores,
        logger: mockServices.logger.mock(),
        historyMarginMs,
      });
      const { slo } = await stores.slos.putApiSlo({
        entityRef: 'component:default/a',
        definition: {
          name: 'availability',
          target: 0.99,
          timeWindow: { kind: 'rolling', duration: '30d' },
          budgetingMethod: 'Occurrences',
          ...overrides,
        },
        actor: 'a',
        at: now,
      });
      return { knex, stores, service, slo };
    }

    it('answers a 30-day window loaded as history exactly, and loading it again changes nothing', async () => {
      const { stores, service, slo } = await setup();
      const first = await service.replaceHistory(
        slo,
        { ...range, points: history },
        now,
      );
      expect(first.replaced).toBe(0);
      expect(first.buckets.map(b => [iso(b.start), b.durationMs])).toEqual([
        ['2026-10-25T12:00:00.000Z', HOUR_MS],
        ['2026-11-03T12:00:00.000Z', HOUR_MS],
        ['2026-11-13T12:00:00.000Z', HOUR_MS],
        ['2026-11-23T11:00:00.000Z', MINUTE_MS],
      ]);
      const status = await service.statusAt(slo, at);
      expect(status.good).toBe(99_300);
      expect(status.total).toBe(100_000);
      expect(status.attainment).toBeCloseTo(0.993, 12);
      expect(status.errorBudget.remaining).toBeCloseTo(0.3, 12);

      const again = await service.replaceHistory(
        slo,
        { ...range, points: history },
        now,
      );
      expect(again.replaced).toBe(4);
      expect(await service.statusAt(slo, at)).toEqual(status);
      expect(await stores.slos.readBuckets(slo.id, 0, at)).toHaveLength(4);
    });

    it('replaces only its range: a day without points clears that day', async () => {
      const { service, slo } = await setup();
      await service.replaceHistory(slo, { ...range, points: history }, now);
      await service.replaceHistory(
        slo,
        {
          from: '2026-11-13T00:00:00Z',
          to: '2026-11-14T00:00:00Z',
          points: [],
        },
        now,
      );
      // Without the 10-day point: 69,600 of 70,000; bad 400 of 700 allowed.
      const status = await service.statusAt(slo, at);
      expect(status.good).toBe(69_600);
      expect(status.total).toBe(70_000);
      expect(status.errorBudget.remaining).toBeCloseTo(1 - 400 / 700, 12);
    });

    it('lands late points in the hour the rollup made, replacing that hour whole', async () => {
      const { stores, service, slo } = await setup();
      // Minutes written 5 days ago, rolled up by the hourly task.
      const hour = at - 5 * DAY_MS;
      await stores.slos.writeMeasurements(slo.id, [
        { start: hour, good: 50, total: 60 },
        { start: hour + 30 * MINUTE_MS, good: 10, total: 10 },
      ]);
      await service.rollUp(now);
      expect(await stores.slos.readBuckets(slo.id, 0, at)).toEqual([
        { start: hour, durationMs: HOUR_MS, good: 60, total: 70 },
      ]);
      const result = await service.replaceHistory(
        slo,
        {
          from: iso(hour),
          to: iso(hour + HOUR_MS),
          points: [
            { timestamp: iso(hour + 59_000), good: 55, total: 60 },
            { timestamp: iso(hour + 30 * MINUTE_MS), good: 10, total: 10 },
            { timestamp: iso(hour + 45 * MINUTE_MS), good: 1, total: 2 },
          ],
        },
        now,
      );
      expect(result.replaced).toBe(1);
      expect(await stores.slos.readBuckets(slo.id, 0, at)).toEqual([
        { start: hour, durationMs: HOUR_MS, good: 66, total: 72 },
      ]);
      const status = await service.statusAt(slo, at);
      expect([status.good, status.total]).toEqual([66, 72]);
    });

    // 60 minutes, every tenth one at 50 %, the rest perfect. Timeslices
    // at 90 %: 6 bad slices. RatioTimeslices: 6 slices short by a half.
    // 43,200 one-minute slices in 30 days, slices without data good.
    it.each([
      [
        'the slice counts of a Timeslices hour, judged',
        { budgetingMethod: 'Timeslices' as const, timeSliceTarget: 0.9 },
        { badSlices: 6 },
        1 - 6 / 43_200,
      ],
      [
        'the shortfall of a RatioTimeslices hour, summed',
        { budgetingMethod: 'RatioTimeslices' as const },
        { sliceShortfall: 3 },
        1 - 3 / 43_200,
      ],
    ])(
      'keeps %s from the points it loads',
      async (_, method, sliceFields, attainment) => {
        const { stores, service, slo } = await setup({
          ...method,
          target: 0.5,
          timeSliceWindow: '1m',
        });
        const hour = Date.parse('2026-11-10T08:00:00Z');
        const points = Array.from({ length: 60 }, (_v, i) => ({
          timestamp: iso(hour + i * MINUTE_MS),
          good: i % 10 === 0 ? 5 : 10,
          total: 10,
        }));
        await service.replaceHistory(
          slo,
          { from: iso(hour), to: iso(hour + HOUR_MS), points },
          now,
        );
        expect(await stores.slos.readBuckets(slo.id, 0, at)).toEqual([
          {
            start: hour,
            durationMs: HOUR_MS,
            good: 570,
            total: 600,
            dataSlices: 60,
            ...sliceFields,
          },
        ]);
        const status = await service.statusAt(slo, at);
        expect(status.attainment).toBeCloseTo(attainment, 12);
      },
    );

    it.each([
      [
        'from beyond the 31-day horizon',
        { from: '2026-10-23T11:00:00Z' },
        "Invalid request body 'from': 2026-10-23T11:00:00Z is older than this SLO's 31-day history",
      ],
      [
        'from inside an hour of the rolled-up age',
        { from: '2026-10-24T00:30:00Z' },
        "Invalid request body 'from': 2026-10-24T00:30:00Z must be a whole hour",
      ],
      [
        'to inside a minute',
        { to: '2026-11-23T11:59:30Z' },
        "Invalid request body 'to': 2026-11-23T11:59:30Z must be a whole minute",
      ],
      [
        'to before from',
        { to: '2026-10-24T00:00:00Z' },
        "Invalid request body 'to': must be after from",
      ],
      [
        'to in the future',
        { to: '2026-11-23T12:10:00Z' },
        "Invalid request body 'to': 2026-11-23T12:10:00Z is in the future",
      ],
    ])(
      'refuses %s, naming the field and writing nothing',
      async (_, change, message) => {
        const { stores, service, slo } = await setup();
        await expect(
          service.replaceHistory(
            slo,
            { ...range, ...change, points: history },
            now,
          ),
        ).rejects.toThrow(message);
        expect(await stores.slos.readBuckets(slo.id, 0, at)).toEqual([]);
      },
    );

    it('refuses a point outside the range, naming it, and writes nothing', async () => {
      const { stores, service, slo } = await setup();
      await expect(
        service.replaceHistory(
          slo,
          {
            from: '2026-11-01T00:00:00Z',
            to: '2026-11-02T00:00:00Z',
            points: [
              { timestamp: '2026-11-01T10:00:00Z', good: 1, total: 1 },
              { timestamp: '2026-11-02T00:00:00Z', good: 1, total: 1 },
            ],
          },
          now,
        ),
      ).rejects.toThrow(
        'Invalid measurement [1].timestamp: 2026-11-02T00:00:00Z is outside the replaced range',
      );
      expect(await stores.slos.readBuckets(slo.id, 0, at)).toEqual([]);
    });

    it('reaches back a calendar quarter and its margin for a quarterly SLO', async () => {
      const { service, slo } = await setup({
        timeWindow: { kind: 'calendar', unit: 'quarter', timeZone: 'UTC' },
      });
      // 92 days and two hours (a daylight-saving change may shift by two),
      // plus a day: 2026-08-22T10:00Z is the earliest.
      await expect(
        service.replaceHistory(
          slo,
          {
            from: '2026-08-22T10:00:00Z',
            to: '2026-08-22T12:00:00Z',
            points: [],
          },
          now,
        ),
      ).resolves.toMatchObject({ replaced: 0 });
      await expect(
        service.replaceHistory(
          slo,
          {
            from: '2026-08-22T09:00:00Z',
            to: '2026-08-22T12:00:00Z',
            points: [],
          },
          now,
        ),
      ).rejects.toThrow('93-day history');
    });

    it('stores history older than the hourly retention per UTC day', async () => {
      const { stores, service, slo } = await setup(
        { timeWindow: { kind: 'calendar', unit: 'quarter', timeZone: 'UTC' } },
        30 * DAY_MS,
      );
      // 110 days back is past the 100 days hours are kept.
      const day = Date.parse('2026-08-05T00:00:00Z');
      await expect(
        service.replaceHistory(
          slo,
          { from: iso(day + HOUR_MS), to: iso(day + DAY_MS), points: [] },
          now,
        ),
      ).rejects.toThrow('must be a whole day (UTC)');
      const result = await service.replaceHistory(
        slo,
        {
          from: iso(day),
          to: iso(day + DAY_MS),
          points: [
            { timestamp: iso(day + HOUR_MS), good: 3, total: 4 },
            { timestamp: iso(day + 20 * HOUR_MS), good: 5, total: 5 },
          ],
        },
        now,
      );
      expect(result.buckets).toEqual([
        { start: day, durationMs: DAY_MS, good: 8, total: 9 },
      ]);
      expect(await stores.slos.readBuckets(slo.id, 0, at)).toEqual(
        result.buckets,
      );
    });

    it('never counts twice when history loads race the rollup and each other', async () => {
      const { stores, service, slo } = await setup();
      // Minutes 5 days old that the rollup rolls while the same hour is
      // replaced by two loads at once.
      const hour = at - 5 * DAY_MS;
      const minutes = Array.from({ length: 60 }, (_v, i) => ({
        start: hour + i * MINUTE_MS,
        good: 9,
        total: 10,
      }));
      const points = minutes.map(m => ({
        timestamp: iso(m.start),
        good: m.good,
        total: m.total,
      }));
      for (let round = 0; round < 5; round++) {
        await stores.slos.writeMeasurements(slo.id, minutes);
        const load = () =>
          service.replaceHistory(
            slo,
            { from: iso(hour), to: iso(hour + HOUR_MS), points },
            now,
          );
        await Promise.all([load(), service.rollUp(now), load()]);
        await service.rollUp(now);
        expect(await stores.slos.readBuckets(slo.id, 0, at)).toEqual([
          { start: hour, durationMs: HOUR_MS, good: 540, total: 600 },
        ]);
        const status = await service.statusAt(slo, at);
        expect([status.good, status.total]).toEqual([540, 600]);
      }
    });
  },
);
