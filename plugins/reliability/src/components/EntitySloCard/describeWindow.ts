import { SloTimeWindow } from '@reliability-suite/plugin-reliability-common';

const ROLLING_UNITS: Record<string, string> = {
  m: 'minute',
  h: 'hour',
  d: 'day',
  w: 'week',
};

/**
 * An SLO's window in words, for the line under its name: "28-day rolling
 * window", "calendar month (Europe/Berlin)", "calendar week (counted from
 * 2022-01-01 12:00, America/New_York)"; it follows "over a".
 */
export function describeWindow(window: SloTimeWindow): string {
  if (window.kind === 'rolling') {
    const match = /^(\d+)([mhdw])$/.exec(window.duration);
    return match
      ? `${match[1]}-${ROLLING_UNITS[match[2]]} rolling window`
      : window.duration;
  }
  const count = window.count ?? 1;
  const period = count > 1 ? `${count}-${window.unit} period` : window.unit;
  if (!window.startTime) {
    return `calendar ${period} (${window.timeZone})`;
  }
  // `YYYY-MM-DDTHH:mm:ss`, local to the zone named beside it.
  const from = window.startTime.slice(0, 16).replace('T', ' ');
  return `calendar ${period} (counted from ${from}, ${window.timeZone})`;
}
