import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  evaluateSlo,
  SloDefinition,
} from '@reliability-suite/plugin-reliability-common';
import { createReliabilityStores } from '../database/ReliabilityStores';
import { MINUTE_MS } from '../database/slos/DatabaseSloStore';
import { testDatabaseIds } from '../database/__testUtils__/testDatabaseIds';
import { SloService } from './SloService';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: testDatabaseIds,
  disableDocker: true,
});
const at = Date.parse('2026-11-23T12:00:00Z');

describe.each(databases.eachSupportedId())('SloService on %s', databaseId => {
  async function setup() {
    const knex = await databases.init(databaseId);
    const stores = await createReliabilityStores({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    return {
      stores,
      service: new SloService({ stores, logger: mockServices.logger.mock() }),
    };
  }

  /** A policy that holds whenever there are events: it fires on this traffic. */
  const anyBurn = (
    name: string,
    lookbackWindow: string,
    alertAfter: string,
  ) => ({
    name,
    alertWhenBreaching: true,
    alertWhenResolved: false,
    alertWhenNoData: true,
    condition: {
      name: `${name}-condition`,
      severity: 'ticket',
      op: 'gte' as const,
      threshold: 0,
      lookbackWindow,
      alertAfter,
    },
    notificationTargets: [],
  });

  it.each<
    [string, SloDefinition['timeWindow'], SloDefinition['alertPolicies']]
  >([
    ['rolling 7d', { kind: 'rolling', duration: '7d' }, undefined],
    [
      'calendar month in Europe/Berlin',
      { kind: 'calendar', unit: 'month', timeZone: 'Europe/Berlin' },
      undefined,
    ],
    [
      'rolling 7d with alert policies',
      { kind: 'rolling', duration: '7d' },
      [anyBurn('hourly', '1h', '30m'), anyBurn('three-days', '3d', '1h')],
    ],
  ])(
    'sums in the database exactly what evaluateSlo computes from the buckets (%s)',
    async (_, timeWindow, alertPolicies) => {
      const { stores, service } = await setup();
      const definition: SloDefinition = {
        name: 'availability',
        target: 0.995,
        timeWindow,
        budgetingMethod: 'Occurrences',
        ...(alertPolicies ? { alertPolicies } : {}),
      };
      const { slo } = await stores.slos.putApiSlo({
        entityRef: 'component:default/a',
        definition,
        actor: 'a',
        at: new Date(at),
      });
      // Uneven traffic scattered over 4 days (minute i·97 mod 5760), with
      // some minutes of no events.
      const buckets = Array.from({ length: 3000 }, (_v, i) => ({
        start: at - ((i * 97) % (4 * 24 * 60)) * MINUTE_MS,
        good: (i * 37) % 500,
        total: ((i * 37) % 500) + ((i * 11) % 7),
      }));
      const unique = [...new Map(buckets.map(b => [b.start, b])).values()];
      await stores.slos.writeMeasurements(slo.id, unique);

      const fromDatabase = await service.statusAt(slo, at);
      const fromBuckets = evaluateSlo(
        definition,
        unique.map(b => ({ ...b, durationMs: MINUTE_MS })),
        at,
      );
      expect(fromDatabase).toEqual(fromBuckets);
      expect(fromDatabase.total).toBeGreaterThan(0);
      // Every hour of the 4 days holds events, so both policies breach.
      expect(fromDatabase.policyAlerts.map(a => a.policy)).toEqual(
        alertPolicies ? ['hourly', 'three-days'] : [],
      );
    },
  );

  it('ingests, refusing future and rolled-up timestamps without writing', async () => {
    const { stores, service } = await setup();
    const definition: SloDefinition = {
      name: 'availability',
      target: 0.99,
      timeWindow: { kind: 'rolling', duration: '28d' },
      budgetingMethod: 'Occurrences',
    };
    const { slo } = await stores.slos.putApiSlo({
      entityRef: 'component:default/a',
      definition,
      actor: 'a',
      at: new Date(at),
    });
    const now = new Date(at);
    const iso = (ms: number) => new Date(ms).toISOString();
    await expect(
      service.ingest(
        slo,
        [
          { timestamp: iso(at - MINUTE_MS), good: 5, total: 5 },
          { timestamp: iso(at + 6 * MINUTE_MS), good: 1, total: 1 },
        ],
        now,
      ),
    ).rejects.toThrow('Invalid measurement [1].timestamp');
    await expect(
      service.ingest(
        slo,
        [{ timestamp: iso(at - 5 * 24 * 60 * MINUTE_MS), good: 1, total: 1 }],
        now,
      ),
    ).rejects.toThrow('older than 4 days');
    expect(await stores.slos.readBuckets(slo.id, 0, at + 3_600_000)).toEqual(
      [],
    );

    // Two points in one minute are summed; sending that minute again replaces it.
    const first = await service.ingest(
      slo,
      [
        { timestamp: iso(at - 30_000), good: 5, total: 10 },
        { timestamp: iso(at - 20_000), good: 5, total: 10 },
      ],
      now,
    );
    expect(first).toMatchObject({ points: 2, buckets: 1 });
    await service.ingest(
      slo,
      [{ timestamp: iso(at - 50_000), good: 7, total: 7 }],
      now,
    );
    expect(await stores.slos.readBuckets(slo.id, 0, at)).toEqual([
      { start: at - MINUTE_MS, durationMs: MINUTE_MS, good: 7, total: 7 },
    ]);
  });
});
