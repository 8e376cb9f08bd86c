import { businessDayDeadline, endOfLocalDate } from './businessDays';

const berlin = { timeZone: 'Europe/Berlin', holidays: [] };
const iso = (ms: number) => new Date(ms).toISOString();

describe('businessDayDeadline', () => {
  it.each([
    // Friday 18:00 in Berlin: Mon–Fri next week, due at the end of Friday.
    [
      'a Friday-evening resolution',
      '2026-11-20T17:00:00Z',
      berlin,
      '2026-11-27T22:59:59.999Z',
    ],
    // Saturday: the same five days.
    [
      'a weekend resolution',
      '2026-11-21T09:00:00Z',
      berlin,
      '2026-11-27T22:59:59.999Z',
    ],
    // Monday morning: Tuesday to the next Monday.
    [
      'a Monday resolution',
      '2026-11-23T09:00:00Z',
      berlin,
      '2026-11-30T22:59:59.999Z',
    ],
    // Tuesday 22 December; 24th and 25th are holidays, 26th a Saturday:
    // Wed 23, Mon 28, Tue 29, Wed 30, Thu 31.
    [
      'holidays in the range',
      '2026-12-22T10:00:00Z',
      {
        timeZone: 'Europe/Berlin',
        holidays: ['2026-12-24', '2026-12-25', '2026-12-26'],
      },
      '2026-12-31T22:59:59.999Z',
    ],
    // Sunday 23:30 UTC is Monday 08:30 in Tokyo: Tue 24 … Mon 30, not Mon 23 … Fri 27.
    [
      'a time zone where the local date differs from UTC',
      '2026-11-22T23:30:00Z',
      { timeZone: 'Asia/Tokyo', holidays: [] },
      '2026-11-30T14:59:59.999Z',
    ],
  ])('%s', (_, resolved, calendar, due) => {
    expect(iso(businessDayDeadline(Date.parse(resolved), 5, calendar))).toBe(
      due,
    );
  });

  it('counts a single business day', () => {
    expect(
      iso(businessDayDeadline(Date.parse('2026-11-20T17:00:00Z'), 1, berlin)),
    ).toBe('2026-11-23T22:59:59.999Z');
  });
});

describe('endOfLocalDate', () => {
  it('ends the day in the calendar zone', () => {
    expect(iso(endOfLocalDate('2026-11-27', berlin))).toBe(
      '2026-11-27T22:59:59.999Z',
    );
    expect(iso(endOfLocalDate('2026-07-01', berlin))).toBe(
      '2026-07-01T21:59:59.999Z',
    );
  });
});
