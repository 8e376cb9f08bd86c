import { mockCredentials } from '@backstage/backend-test-utils';
import request from '../__testUtils__/specCheckedRequest';
import { startConnectedBackend } from './__testUtils__/startConnectedBackend';

jest.setTimeout(60_000);

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

const slo = { entityRef: 'component:default/checkout', slo: 'availability' };
const status = `/v1/entities/component/default/checkout/slos/availability/status`;

/** 99 % of events good over a rolling 28 days, defined through the API. */
const availabilitySpec = {
  indicator: {
    spec: {
      ratioMetric: {
        good: { metricSource: { type: 'api' } },
        total: { metricSource: { type: 'api' } },
      },
    },
  },
  timeWindow: [{ duration: '28d', isRolling: true }],
  budgetingMethod: 'Occurrences',
  objectives: [{ target: 0.99 }],
};

async function startWithSlo() {
  const backend = await startConnectedBackend();
  const put = await request(backend.server)
    .put(
      '/api/reliability/v1/entities/component/default/checkout/slos/availability',
    )
    .set('Authorization', mockCredentials.user.header('user:default/ana'))
    .send(availabilitySpec);
  expect(put.status).toBe(201);
  return backend;
}

/** 100 minutes ten days ago at 99/100, 60 minutes an hour ago at 100/100. */
function history(now: number) {
  return [
    ...Array.from({ length: 100 }, (_, i) => ({
      start: now - 10 * DAY + i * MINUTE,
      good: 99,
      total: 100,
    })),
    ...Array.from({ length: 60 }, (_, i) => ({
      start: now - 60 * MINUTE + i * MINUTE,
      good: 100,
      total: 100,
    })),
  ];
}

describe('the data connection: SLIs', () => {
  it('loads history into an empty SLO only, then tops it up', async () => {
    const now = Math.floor(Date.now() / MINUTE) * MINUTE;
    const { connection, get, events } = await startWithSlo();
    expect(
      await connection.slis.measurementState({ ...slo, slo: 'none' }),
    ).toEqual({ defined: false, newestStart: null });
    expect(await connection.slis.measurementState(slo)).toEqual({
      defined: true,
      newestStart: null,
    });

    // good 9,900 + 6,000 of 16,000 = 0.99375; the ten-day-old minutes are
    // rolled up into their hours at once, as the rollup would have.
    await connection.slis.loadHistory(slo, history(now));
    expect((await get(status)).attainment).toBeCloseTo(15_900 / 16_000, 12);
    expect(await connection.slis.measurementState(slo)).toEqual({
      defined: true,
      newestStart: now - MINUTE,
    });

    await expect(connection.slis.loadHistory(slo, history(now))).rejects.toThrow(
      "SLO 'availability' of component:default/checkout has measurements already",
    );

    // A minute of 0/100 now: 15,900 of 16,100.
    await connection.slis.writeMinutes(slo, [
      { start: now, good: 0, total: 100 },
    ]);
    expect((await get(status)).attainment).toBeCloseTo(15_900 / 16_100, 12);
    // Recent minutes only, on the server's clock: older ones are history.
    await expect(
      connection.slis.writeMinutes(slo, [
        { start: now - 5 * DAY, good: 1, total: 1 },
      ]),
    ).rejects.toThrow('is older than 4 days');
    await expect(
      connection.slis.writeMinutes(slo, [{ start: now, good: 2, total: 1 }]),
    ).rejects.toThrow("'measurements.0.good': must not exceed total");
    expect((await get(status)).attainment).toBeCloseTo(15_900 / 16_100, 12);

    expect(
      events
        .filter(e => e.eventId.startsWith('slo-'))
        .map(e => [e.eventId, e.outcome]),
    ).toEqual([
      ['slo-upsert', 'success'],
      ['slo-history-load', 'success'],
      ['slo-history-load', 'fail'],
      ['slo-measurements', 'success'],
      ['slo-measurements', 'fail'],
    ]);
  });

  it('refuses history in the future or past the kept days, and writes nothing', async () => {
    const now = Math.floor(Date.now() / MINUTE) * MINUTE;
    const { connection, get } = await startWithSlo();
    await expect(
      connection.slis.loadHistory(slo, [
        ...history(now),
        { start: now + DAY, good: 1, total: 1 },
      ]),
    ).rejects.toThrow('Invalid measurement [160].timestamp');
    await expect(
      connection.slis.loadHistory(slo, [
        { start: now - 500 * DAY, good: 1, total: 1 },
      ]),
    ).rejects.toThrow('older than the kept history');
    expect(await connection.slis.measurementState(slo)).toEqual({
      defined: true,
      newestStart: null,
    });
    expect((await get(status)).attainment).toBeNull();
  });
});
