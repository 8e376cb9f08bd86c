import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { SloDefinition } from '@reliability-suite/plugin-reliability-common';
import {
  SliProvider,
  SliRequest,
  SliValueRequest,
} from '@reliability-suite/plugin-reliability-node';
import { createReliabilityStores } from '../database/ReliabilityStores';
import { testDatabaseIds } from '../database/__testUtils__/testDatabaseIds';
import { HOUR_MS } from '../slos/historyBuckets';
import { SloService } from '../slos/SloService';
import { SliPullService } from './SliPullService';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: testDatabaseIds,
  disableDocker: true,
});
const MIN = 60_000;
const now = new Date('2026-11-23T12:00:30Z');
const at = now.getTime();
const iso = (ms: number) => new Date(ms).toISOString();

const pulled = (query: string) => ({
  metricSource: { type: 'Test', spec: { query } },
});

/**
 * A provider of made-up traffic: 100 events a minute of which 99 good,
 * summed per asked step. It records what it was asked and fails while
 * `failWith` is set.
 */
class TestProvider implements SliProvider {
  readonly id = 'test';
  readonly asked: Array<{ from: string; to: string; stepMs: number }> = [];
  failWith: string | undefined;
  answer: ((request: SliRequest) => unknown) | undefined;

  handles(good: { type?: string }, total: { type?: string }) {
    return good.type === 'Test' && total.type === 'Test';
  }

  readonly askedValues: Array<{ from: string; to: string }> = [];

  handlesValues(metric: { type?: string }) {
    return metric.type === 'Test';
  }

  /** A threshold metric: each minute a latency of 100 and one of 900. */
  async fetchValues(request: SliValueRequest) {
    this.askedValues.push({ from: iso(request.from), to: iso(request.to) });
    const points = [];
    for (let t = request.from; t < request.to; t += MIN) {
      points.push({ timestamp: t, value: 100 }, { timestamp: t, value: 900 });
    }
    return { points };
  }

  async fetchCounts(request: SliRequest) {
    this.asked.push({
      from: iso(request.from),
      to: iso(request.to),
      stepMs: request.stepMs,
    });
    if (this.failWith) throw new Error(this.failWith);
    if (this.answer) return this.answer(request) as any;
    const perStep = request.stepMs / MIN;
    const buckets = [];
    for (let t = request.from; t < request.to; t += request.stepMs) {
      buckets.push({ start: t, good: 99 * perStep, total: 100 * perStep });
    }
    return { buckets };
  }
}

describe.each(databases.eachSupportedId())('SliPullService on %s', id => {
  async function setup(overrides: Partial<SloDefinition> = {}) {
    const knex = await databases.init(id);
    const stores = await createReliabilityStores({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    const logger = mockServices.logger.mock();
    const sloService = new SloService({ stores, logger });
    const provider = new TestProvider();
    const refresher = { sloStatusesChanged: jest.fn(async () => {}) };
    const pulls = new SliPullService({
      stores,
      sloService,
      refresher,
      providers: [provider],
      logger,
    });
    const put = (definition: Partial<SloDefinition>, version?: number) =>
      stores.slos.putApiSlo({
        entityRef: 'component:default/a',
        definition: {
          name: 'availability',
          target: 0.99,
          timeWindow: { kind: 'rolling', duration: '30d' },
          budgetingMethod: 'Occurrences',
          indicator: { good: pulled('good'), total: pulled('total') },
          ...overrides,
          ...definition,
        },
        expectedVersion: version,
        actor: 'a',
        at: now,
      });
    const { slo } = await put({});
    return { stores, sloService, provider, refresher, pulls, slo, put };
  }

  it('pulls a new SLO over its whole horizon, hours where hours are kept, then only the new minutes', async () => {
    const { stores, sloService, provider, refresher, pulls, slo } =
      await setup();
    expect(await pulls.pullAll(now)).toEqual({
      slos: 1,
      requests: 8,
      failed: 0,
    });
    // Horizon 31 days from 12:00:30: from 2026-10-23T13:00; hours up to
    // the minute buckets' start (4 days back, 2026-11-19T12:00) in weeks,
    // then a day of minutes per request up to the last whole minute.
    expect(provider.asked).toEqual([
      {
        from: '2026-10-23T13:00:00.000Z',
        to: '2026-10-30T13:00:00.000Z',
        stepMs: HOUR_MS,
      },
      {
        from: '2026-10-30T13:00:00.000Z',
        to: '2026-11-06T13:00:00.000Z',
        stepMs: HOUR_MS,
      },
      {
        from: '2026-11-06T13:00:00.000Z',
        to: '2026-11-13T13:00:00.000Z',
        stepMs: HOUR_MS,
      },
      {
        from: '2026-11-13T13:00:00.000Z',
        to: '2026-11-19T12:00:00.000Z',
        stepMs: HOUR_MS,
      },
      {
        from: '2026-11-19T12:00:00.000Z',
        to: '2026-11-20T12:00:00.000Z',
        stepMs: MIN,
      },
      {
        from: '2026-11-20T12:00:00.000Z',
        to: '2026-11-21T12:00:00.000Z',
        stepMs: MIN,
      },
      {
        from: '2026-11-21T12:00:00.000Z',
        to: '2026-11-22T12:00:00.000Z',
        stepMs: MIN,
      },
      {
        from: '2026-11-22T12:00:00.000Z',
        to: '2026-11-23T12:00:00.000Z',
        stepMs: MIN,
      },
    ]);
    // The 30-day window (after 2026-10-24T12:00:30) holds 623 hours of
    // 6,000 events and 5,760 minutes of 100: 4,314,000, 99 % good.
    const status = await sloService.statusAt(slo, at);
    expect(status.total).toBe(623 * 6_000 + 5_760 * 100);
    expect(status.good).toBe(0.99 * status.total);
    expect(refresher.sloStatusesChanged).toHaveBeenCalledWith(
      'component:default/a',
    );
    expect((await pulls.pullInfo([slo])).get(slo.id)).toEqual({
      provider: 'test',
      pulledUntil: '2026-11-23T12:00:00.000Z',
      lastSuccessAt: now.toISOString(),
      problem: null,
      nextAttemptAt: null,
      replay: null,
    });

    // Five minutes later: the new minutes and the five before, re-read.
    provider.asked.length = 0;
    const later = new Date(at + 5 * MIN);
    await pulls.pullAll(later);
    expect(provider.asked).toEqual([
      {
        from: '2026-11-23T11:55:00.000Z',
        to: '2026-11-23T12:05:00.000Z',
        stepMs: MIN,
      },
    ]);
    const after = await sloService.statusAt(slo, later.getTime());
    expect(after.total).toBe(status.total + 500);
    expect(
      (await stores.slos.readBuckets(slo.id, at - 10 * MIN, at + 10 * MIN))
        .length,
    ).toBe(14);
  });

  it('keeps a failure as the problem, backs off 1, 2, … minutes, and clears it on success', async () => {
    const { provider, pulls, slo, sloService } = await setup();
    provider.failWith = 'connect ECONNREFUSED 127.0.0.1:9';
    expect(await pulls.pullAll(now)).toMatchObject({ failed: 1, requests: 1 });
    expect((await pulls.pullInfo([slo])).get(slo.id)).toEqual({
      provider: 'test',
      pulledUntil: '2026-10-23T13:00:00.000Z',
      lastSuccessAt: null,
      problem: 'connect ECONNREFUSED 127.0.0.1:9',
      nextAttemptAt: iso(at + MIN),
      replay: null,
    });
    // Within the minute of backoff: not asked.
    await pulls.pullAll(new Date(at + 30_000));
    expect(provider.asked).toHaveLength(1);
    // The next run, a little early as scheduled runs come: asked, fails
    // again, waits two minutes.
    await pulls.pullAll(new Date(at + MIN - 500));
    expect(provider.asked).toHaveLength(2);
    expect((await pulls.pullInfo([slo])).get(slo.id)?.nextAttemptAt).toBe(
      iso(at + 3 * MIN - 500),
    );
    provider.failWith = undefined;
    await pulls.pullAll(new Date(at + 3 * MIN));
    expect((await pulls.pullInfo([slo])).get(slo.id)).toMatchObject({
      problem: null,
      nextAttemptAt: null,
      replay: null,
    });
    expect((await sloService.statusAt(slo, at)).total).toBeGreaterThan(0);
  });

  it('stores nothing of an answer with a wrong bucket, and says which', async () => {
    const { provider, pulls, slo, sloService } = await setup();
    provider.answer = request => ({
      buckets: [{ start: request.from, good: 7, total: 5 }],
    });
    await pulls.pullAll(now);
    expect((await pulls.pullInfo([slo])).get(slo.id)?.problem).toBe(
      'test answered a wrong bucket at 2026-10-23T13:00:00.000Z: good 7 must lie between 0 and total 5',
    );
    expect((await sloService.statusAt(slo, at)).total).toBe(0);
    provider.answer = request => ({
      buckets: [{ start: request.from + 1, good: 1, total: 1 }],
    });
    await pulls.pullAll(new Date(at + 2 * MIN));
    expect((await pulls.pullInfo([slo])).get(slo.id)?.problem).toContain(
      'not a bucket of 60 min',
    );
  });

  it('pulls a changed SLO over its whole horizon again', async () => {
    const { provider, pulls, put } = await setup();
    await pulls.pullAll(now);
    provider.asked.length = 0;
    await put({ target: 0.995 }, 1);
    await pulls.pullAll(new Date(at + MIN));
    expect(provider.asked[0]).toEqual({
      from: '2026-10-23T13:00:00.000Z',
      to: '2026-10-30T13:00:00.000Z',
      stepMs: HOUR_MS,
    });
  });

  it('asks for minutes even where hours are kept for a Timeslices SLO, and counts its slices', async () => {
    const { provider, pulls, slo, sloService } = await setup({
      budgetingMethod: 'Timeslices',
      timeSliceTarget: 0.995,
      timeSliceWindow: '1m',
    });
    // Every minute at 99 % misses the 99.5 % slice target: all bad.
    await pulls.pullAll(now);
    expect(new Set(provider.asked.map(a => a.stepMs))).toEqual(new Set([MIN]));
    expect(provider.asked[0]).toEqual({
      from: '2026-10-23T13:00:00.000Z',
      to: '2026-10-24T13:00:00.000Z',
      stepMs: MIN,
    });
    // 10 requests of a day: the first 10 days pulled, the rest next run.
    expect(provider.asked).toHaveLength(10);
    const status = await sloService.statusAt(slo, at);
    // 10 days from 2026-10-23T13:00, of which the window (after
    // 2026-10-24T12:00:30) holds 2026-10-24T13:00 to 2026-11-02T13:00.
    expect(status.slices?.bad).toBe(9 * 1_440);
  });

  it('pulls the values of a threshold metric per minute, and judges each one', async () => {
    const { provider, pulls, slo, sloService } = await setup({
      indicator: { thresholdMetric: pulled('latency') },
      threshold: { op: 'lt', value: 500 },
    });
    await pulls.pullAll(now);
    expect(provider.asked).toEqual([]);
    // Values come a sample a minute: a day per request, 10 a run.
    expect(provider.askedValues).toHaveLength(10);
    expect(provider.askedValues[0]).toEqual({
      from: '2026-10-23T13:00:00.000Z',
      to: '2026-10-24T13:00:00.000Z',
    });
    const status = await sloService.statusAt(slo, at);
    // The window (after 2026-10-24T12:00:30) holds the hours from
    // 2026-10-24T13:00 to 2026-11-02T13:00: 9 days of 2 values a minute,
    // the 100 under 500 and the 900 not.
    expect(status.total).toBe(9 * 1_440 * 2);
    expect(status.good).toBe(9 * 1_440);
  });

  it('leaves SLOs no provider claims alone and forgets their old state', async () => {
    const { stores, provider, pulls, slo, put } = await setup();
    await pulls.pullAll(now);
    await put({ indicator: undefined }, 1);
    provider.asked.length = 0;
    expect(await pulls.pullAll(new Date(at + MIN))).toEqual({
      slos: 0,
      requests: 0,
      failed: 0,
    });
    expect(provider.asked).toEqual([]);
    expect((await stores.sliPulls.getStates([slo.id])).size).toBe(0);
  });

  it('replays from the hour asked for, shows its progress, and refuses a pushed SLO', async () => {
    const { stores, provider, pulls, slo, put } = await setup();
    await pulls.pullAll(now);
    provider.asked.length = 0;
    const { from: doneFrom, pull: done } = await pulls.replay(
      slo,
      '2026-11-23T10:20:00Z',
      now,
    );
    expect(doneFrom).toBe('2026-11-23T10:00:00.000Z');
    // From the whole hour, less the five minutes every pull re-reads.
    expect(provider.asked).toEqual([
      {
        from: '2026-11-23T09:55:00.000Z',
        to: '2026-11-23T12:00:00.000Z',
        stepMs: MIN,
      },
    ]);
    expect(done).toMatchObject({
      pulledUntil: '2026-11-23T12:00:00.000Z',
      replay: null,
    });

    // From the start, one request a run: a week of 30 days and 23 hours.
    const slow = new SliPullService({
      stores,
      sloService: new SloService({
        stores,
        logger: mockServices.logger.mock(),
      }),
      refresher: { sloStatusesChanged: async () => {} },
      providers: [provider],
      logger: mockServices.logger.mock(),
      maxChunksPerRun: 1,
    });
    const { pull: started } = await slow.replay(slo, undefined, now);
    expect(started.replay).toEqual({
      from: '2026-10-23T13:00:00.000Z',
      progress: (7 * 24 * HOUR_MS) / (at - Date.parse('2026-10-23T13:00:00Z')),
    });
    await expect(slow.replay(slo, '2026-10-01T00:00:00Z', now)).rejects.toThrow(
      "Invalid request body 'from': 2026-10-01T00:00:00Z is older than this SLO's history, which starts at 2026-10-23T13:00:00.000Z",
    );

    // A replay never moves the pull forward: this one had read only its
    // first week, so it goes on from there, not from the hour asked for.
    const { slo: behind } = await put({ name: 'behind' });
    await slow.pullSlo(behind, undefined, now);
    provider.asked.length = 0;
    const late = await slow.replay(behind, '2026-11-20T00:00:00Z', now);
    expect(late.from).toBe('2026-10-30T13:00:00.000Z');
    expect(provider.asked).toEqual([
      {
        from: '2026-10-30T13:00:00.000Z',
        to: '2026-11-06T13:00:00.000Z',
        stepMs: HOUR_MS,
      },
    ]);

    const { slo: pushed } = await put({ name: 'pushed', indicator: undefined });
    await expect(pulls.replay(pushed, undefined, now)).rejects.toThrow(
      "SLO 'pushed' of component:default/a is not pulled from a provider",
    );
  });
});
