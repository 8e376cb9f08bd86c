import { describeWindow } from './describeWindow';

describe('describeWindow', () => {
  it.each([
    [{ kind: 'rolling', duration: '28d' }, '28-day rolling window'],
    [{ kind: 'rolling', duration: '2w' }, '2-week rolling window'],
    [
      { kind: 'calendar', unit: 'month', timeZone: 'Europe/Berlin' },
      'calendar month (Europe/Berlin)',
    ],
    [
      {
        kind: 'calendar',
        unit: 'week',
        startTime: '2022-01-01T12:00:00',
        timeZone: 'America/New_York',
      },
      'calendar week (counted from 2022-01-01 12:00, America/New_York)',
    ],
    [
      {
        kind: 'calendar',
        unit: 'month',
        count: 2,
        startTime: '2026-01-15T12:30:00',
        timeZone: 'Asia/Kolkata',
      },
      'calendar 2-month period (counted from 2026-01-15 12:30, Asia/Kolkata)',
    ],
  ] as const)('describes %j', (window, text) => {
    expect(describeWindow(window)).toBe(text);
  });
});
