import { DateTime } from 'luxon';
import { parseSloDuration } from './parseSloDuration';
import { SloCalendarUnit, SloTimeWindow } from './SloDefinition';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * The longest one unit of a calendar window can be, but for daylight
 * saving: a month has at most 31 days, a quarter at most 92.
 */
const LONGEST_UNIT_MS: Record<SloCalendarUnit, number> = {
  hour: HOUR_MS,
  day: DAY_MS,
  week: 7 * DAY_MS,
  month: 31 * DAY_MS,
  quarter: 92 * DAY_MS,
};

/**
 * An SLO window at an instant, in epoch milliseconds.
 *
 * @internal
 */
export interface SloWindowBounds {
  kind: 'rolling' | 'calendar';
  /** Rolling: exclusive (`at − W`). Calendar: inclusive period start. */
  start: number;
  /** Rolling: `at`. Calendar: exclusive period end. */
  end: number;
  /** W: the window's full length, used for budgets and burn-rate scaling. */
  lengthMs: number;
}

/**
 * The longest a window can be, whatever the instant: a rolling window's
 * duration, or a calendar window's longest possible period (a month of 31
 * days and the hour a daylight-saving change may add). How far back an
 * SLO keeps history is judged from it.
 *
 * @internal
 */
export function longestSloWindowMs(window: SloTimeWindow): number {
  if (window.kind === 'rolling') {
    return parseSloDuration(window.duration) ?? 0;
  }
  const length = (window.count ?? 1) * LONGEST_UNIT_MS[window.unit];
  // A period of local days may hold one daylight-saving change (they are
  // months apart), at most two hours longer (Antarctica/Troll shifts by
  // two); hours are absolute.
  return window.unit === 'hour' ? length : length + 2 * HOUR_MS;
}

/**
 * Where an SLO's window lies at `at`.
 *
 * Rolling windows are `(at − W, at]`. Calendar windows are the local
 * period containing `at` in the window's time zone, computed with luxon so
 * local times survive daylight-saving changes (a March month in
 * Europe/Berlin is 31 days minus one hour long). With a `startTime`, the
 * periods are that local time plus whole multiples of the period, each
 * counted from the start itself: a month from the 31st ends on the last
 * day of February, and the next one starts on 31 March again.
 *
 * @internal
 */
export function sloWindowAt(
  window: SloTimeWindow,
  at: number,
): SloWindowBounds {
  if (window.kind === 'rolling') {
    const lengthMs = parseSloDuration(window.duration);
    if (lengthMs === undefined) {
      throw new Error(`Invalid rolling window duration '${window.duration}'`);
    }
    return { kind: 'rolling', start: at - lengthMs, end: at, lengthMs };
  }
  const local = DateTime.fromMillis(at, { zone: window.timeZone });
  if (!local.isValid) {
    throw new Error(`Invalid time zone '${window.timeZone}'`);
  }
  const { start, end } = window.startTime
    ? anchoredPeriod(window, window.startTime, local)
    : naturalPeriod(window.unit, local);
  return {
    kind: 'calendar',
    start,
    end,
    lengthMs: end - start,
  };
}

/** The unit's own period: the local hour, day, ISO week, month or quarter. */
function naturalPeriod(
  unit: SloCalendarUnit,
  local: DateTime,
): { start: number; end: number } {
  // Every boundary by the one rule, the start of the unit holding it: the
  // end is the next period's start as that period computes it, so
  // neighbours never overlap, even where a daylight-saving change falls on
  // midnight (America/Havana) and a local day starts an hour early.
  const next = (start: DateTime) => {
    const end = start.plus({ [`${unit}s`]: 1 }).startOf(unit);
    return end > start ? end : start.plus({ [`${unit}s`]: 1 });
  };
  let start = local.startOf(unit);
  let end = next(start);
  // A repeated local hour can put the start before the hour that holds
  // `local`: step on until the period contains it.
  while (end <= local) {
    start = end;
    end = next(start);
  }
  return { start: start.toMillis(), end: end.toMillis() };
}

/** The period of `count` units counted from `startTime` that holds `local`. */
function anchoredPeriod(
  window: { unit: SloCalendarUnit; count?: number; timeZone: string },
  startTime: string,
  local: DateTime,
): { start: number; end: number } {
  const anchor = DateTime.fromISO(startTime, { zone: window.timeZone });
  if (!anchor.isValid) {
    throw new Error(`Invalid calendar start time '${startTime}'`);
  }
  const units = `${window.unit}s`;
  const count = window.count ?? 1;
  // Local periods are counted on the wall clock as written, not from the
  // anchor's instant: a start in a daylight-saving gap (02:30 on the day
  // Berlin skips from 02:00 to 03:00) moves that one period to 03:30,
  // while the next ones start at 02:30 again. Hours are absolute.
  const wall = DateTime.fromISO(startTime, { zone: 'utc' });
  const startOf = (n: number) => {
    if (window.unit === 'hour') {
      return anchor.plus({ hours: n * count }).toMillis();
    }
    const { year, month, day, hour, minute, second } = wall.plus({
      [units]: n * count,
    });
    return DateTime.fromObject(
      { year, month, day, hour, minute, second },
      { zone: window.timeZone },
    ).toMillis();
  };
  const at = local.toMillis();
  // A first guess from the difference, then a step either way: months and
  // days vary in length, so the guess may be one period off.
  let n = Math.floor(
    local.diff(anchor, units as any).get(units as any) / count,
  );
  while (startOf(n) > at) n -= 1;
  while (startOf(n + 1) <= at) n += 1;
  return { start: startOf(n), end: startOf(n + 1) };
}
