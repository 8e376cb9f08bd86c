import { SloCalendarUnit } from './SloDefinition';
import { longestSloWindowMs, sloWindowAt } from './sloWindowAt';

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

  it.each([
    // [count, unit, startTime, zone, at, start, end, length in hours]
    // OpenSLO's low-traffic example: weeks from Saturday 1 January 2022,
    // 12:00 in New York. Thursday 3 December 2026 lies in the week from
    // Saturday 28 November, 12:00 EST (17:00 UTC).
    [
      1,
      'week',
      '2022-01-01T12:00:00',
      'America/New_York',
      '2026-12-03T15:00:00Z',
      '2026-11-28T17:00:00.000Z',
      '2026-12-05T17:00:00.000Z',
      7 * 24,
    ],
    // The week New York falls back (1 November 2026): from Saturday
    // 31 October 12:00 EDT to Saturday 7 November 12:00 EST, an hour more.
    [
      1,
      'week',
      '2022-01-01T12:00:00',
      'America/New_York',
      '2026-11-03T12:00:00Z',
      '2026-10-31T16:00:00.000Z',
      '2026-11-07T17:00:00.000Z',
      7 * 24 + 1,
    ],
    // Months from the 31st: 31 January to 28 February (28 days) …
    [
      1,
      'month',
      '2026-01-31T00:00:00',
      'UTC',
      '2026-02-15T00:00:00Z',
      '2026-01-31T00:00:00.000Z',
      '2026-02-28T00:00:00.000Z',
      28 * 24,
    ],
    // … then 28 February to 31 March, counted from the start, not from the
    // clamped 28th (31 days).
    [
      1,
      'month',
      '2026-01-31T00:00:00',
      'UTC',
      '2026-03-01T00:00:00Z',
      '2026-02-28T00:00:00.000Z',
      '2026-03-31T00:00:00.000Z',
      31 * 24,
    ],
    // Two months from 15 January 12:30 in Kolkata (UTC+5:30, 07:00 UTC):
    // 15 March to 15 May, 61 days.
    [
      2,
      'month',
      '2026-01-15T12:30:00',
      'Asia/Kolkata',
      '2026-04-01T00:00:00Z',
      '2026-03-15T07:00:00.000Z',
      '2026-05-15T07:00:00.000Z',
      61 * 24,
    ],
    // A start in the future counts back: Tuesday 1 January 2030 is 1,127
    // days (161 weeks) after Tuesday 1 December 2026.
    [
      1,
      'week',
      '2030-01-01T00:00:00',
      'UTC',
      '2026-12-03T15:00:00Z',
      '2026-12-01T00:00:00.000Z',
      '2026-12-08T00:00:00.000Z',
      7 * 24,
    ],
    // Six hours from 03:00: 03, 09, 15, 21; a period includes its start.
    [
      6,
      'hour',
      '2026-01-01T03:00:00',
      'UTC',
      '2026-12-03T15:00:00Z',
      '2026-12-03T15:00:00.000Z',
      '2026-12-03T21:00:00.000Z',
      6,
    ],
  ] as const)(
    '%s %s from %s in %s at %s',
    (count, unit, startTime, timeZone, at, start, end, hours) => {
      const w = sloWindowAt(
        { kind: 'calendar', unit, count, startTime, timeZone },
        Date.parse(at),
      );
      expect(iso(w.start)).toBe(start);
      expect(iso(w.end)).toBe(end);
      expect(w.lengthMs).toBe(hours * HOUR);
    },
  );

  it('takes the local day as a day window, 23 hours when Berlin springs forward', () => {
    const w = sloWindowAt(
      { kind: 'calendar', unit: 'day', timeZone: 'Europe/Berlin' },
      Date.parse('2026-03-29T12:00:00Z'),
    );
    expect(iso(w.start)).toBe('2026-03-28T23:00:00.000Z');
    expect(iso(w.end)).toBe('2026-03-29T22:00:00.000Z');
    expect(w.lengthMs).toBe(23 * HOUR);
  });

  it('moves only the period whose start falls in a daylight-saving gap', () => {
    // Days from 02:30 on 29 March 2026, the night Berlin skips 02:00–03:00:
    // that day starts at 03:30 CEST (01:30Z), the next ones at 02:30 again.
    const window = {
      kind: 'calendar' as const,
      unit: 'day' as const,
      startTime: '2026-03-29T02:30:00',
      timeZone: 'Europe/Berlin',
    };
    const first = sloWindowAt(window, Date.parse('2026-03-29T12:00:00Z'));
    expect([iso(first.start), iso(first.end)]).toEqual([
      '2026-03-29T01:30:00.000Z',
      '2026-03-30T00:30:00.000Z',
    ]);
    expect(first.lengthMs).toBe(23 * HOUR);
    const later = sloWindowAt(window, Date.parse('2026-04-10T12:00:00Z'));
    expect([iso(later.start), iso(later.end)]).toEqual([
      '2026-04-10T00:30:00.000Z',
      '2026-04-11T00:30:00.000Z',
    ]);
  });

  it.each([
    // Two hours more: a daylight-saving change may shift by two.
    [1, 'month', 31 * 24 + 2],
    [2, 'month', 62 * 24 + 2],
    [1, 'quarter', 92 * 24 + 2],
    [2, 'week', 14 * 24 + 2],
    [6, 'hour', 6],
  ] as const)(
    'bounds %s %s windows at %s hours',
    (count, unit: SloCalendarUnit, hours) => {
      expect(
        longestSloWindowMs({ kind: 'calendar', unit, count, timeZone: 'UTC' }),
      ).toBe(hours * HOUR);
    },
  );

  it('keeps local days contiguous where daylight saving starts at midnight (Havana, 9 March 2026)', () => {
    const zone = 'America/Havana';
    const day = (instant: string) =>
      sloWindowAt(
        { kind: 'calendar', unit: 'day', timeZone: zone },
        Date.parse(instant),
      );
    const before = day('2026-03-08T12:00:00Z');
    const after = day('2026-03-09T12:00:00Z');
    // No overlap and no gap: the first day ends where the next begins.
    expect(before.end).toBe(after.start);
    expect(before.start).toBeLessThan(Date.parse('2026-03-08T12:00:00Z'));
    expect(after.end).toBeGreaterThan(Date.parse('2026-03-09T12:00:00Z'));
  });

  it('always holds the instant asked for, across a repeated half hour (Lord Howe, 5 April 2026)', () => {
    for (let m = 0; m < 180; m += 5) {
      const at = Date.parse('2026-04-04T14:00:00Z') + m * 60_000;
      const w = sloWindowAt(
        { kind: 'calendar', unit: 'hour', timeZone: 'Australia/Lord_Howe' },
        at,
      );
      expect(w.start).toBeLessThanOrEqual(at);
      expect(w.end).toBeGreaterThan(at);
    }
  });
});
