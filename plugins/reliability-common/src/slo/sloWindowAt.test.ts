import { sloWindowAt } from './sloWindowAt';

const iso = (ms: number) => new Date(ms).toISOString();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('sloWindowAt', () => {
  it('lays a rolling window back from at', () => {
    const at = Date.parse('2026-11-23T12:00:00Z');
    const w = sloWindowAt({ kind: 'rolling', duration: '28d' }, at);
    expect(iso(w.start)).toBe('2026-10-26T12:00:00.000Z');
    expect(w.end).toBe(at);
    expect(w.lengthMs).toBe(28 * DAY);
  });

  it.each([
    // [unit, zone, at, start, end, length in hours]
    [
      'month',
      'UTC',
      '2026-02-15T00:00:00Z',
      '2026-02-01T00:00:00.000Z',
      '2026-03-01T00:00:00.000Z',
      28 * 24,
    ],
    [
      'month',
      'UTC',
      '2026-07-31T23:59:59Z',
      '2026-07-01T00:00:00.000Z',
      '2026-08-01T00:00:00.000Z',
      31 * 24,
    ],
    [
      'month',
      'UTC',
      '2028-02-29T12:00:00Z',
      '2028-02-01T00:00:00.000Z',
      '2028-03-01T00:00:00.000Z',
      29 * 24,
    ],
    [
      'month',
      'UTC',
      '2026-04-10T00:00:00Z',
      '2026-04-01T00:00:00.000Z',
      '2026-05-01T00:00:00.000Z',
      30 * 24,
    ],
    // Europe/Berlin springs forward on 29 March 2026: 31 days minus an hour.
    [
      'month',
      'Europe/Berlin',
      '2026-03-29T12:00:00Z',
      '2026-02-28T23:00:00.000Z',
      '2026-03-31T22:00:00.000Z',
      31 * 24 - 1,
    ],
    // New York falls back on 1 November 2026: 30 days plus an hour.
    [
      'month',
      'America/New_York',
      '2026-11-23T12:00:00Z',
      '2026-11-01T04:00:00.000Z',
      '2026-12-01T05:00:00.000Z',
      30 * 24 + 1,
    ],
    // Local date differs from UTC: 1 Dec 03:00 UTC is still November in New York.
    [
      'month',
      'America/New_York',
      '2026-12-01T03:00:00Z',
      '2026-11-01T04:00:00.000Z',
      '2026-12-01T05:00:00.000Z',
      30 * 24 + 1,
    ],
    [
      'week',
      'UTC',
      '2026-11-25T08:00:00Z',
      '2026-11-23T00:00:00.000Z',
      '2026-11-30T00:00:00.000Z',
      7 * 24,
    ],
    [
      'week',
      'Europe/Berlin',
      '2026-10-26T10:00:00Z',
      '2026-10-25T23:00:00.000Z',
      '2026-11-01T23:00:00.000Z',
      7 * 24,
    ],
    [
      'week',
      'Europe/Berlin',
      '2026-10-20T10:00:00Z',
      '2026-10-18T22:00:00.000Z',
      '2026-10-25T23:00:00.000Z',
      7 * 24 + 1,
    ],
    [
      'quarter',
      'UTC',
      '2026-11-23T12:00:00Z',
      '2026-10-01T00:00:00.000Z',
      '2027-01-01T00:00:00.000Z',
      92 * 24,
    ],
  ] as const)('%s in %s at %s', (unit, timeZone, at, start, end, hours) => {
    const w = sloWindowAt({ kind: 'calendar', unit, timeZone }, Date.parse(at));
    expect(iso(w.start)).toBe(start);
    expect(iso(w.end)).toBe(end);
    expect(w.lengthMs).toBe(hours * HOUR);
  });

  it('refuses unknown durations and zones', () => {
    expect(() => sloWindowAt({ kind: 'rolling', duration: '1M' }, 0)).toThrow(
      "Invalid rolling window duration '1M'",
    );
    expect(() =>
      sloWindowAt(
        { kind: 'calendar', unit: 'month', timeZone: 'Mars/Olympus' },
        0,
      ),
    ).toThrow("Invalid time zone 'Mars/Olympus'");
  });
});
