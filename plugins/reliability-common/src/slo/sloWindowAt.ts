import { DateTime } from 'luxon';
import { parseSloDuration } from './parseSloDuration';
import { SloTimeWindow } from './SloDefinition';

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
 * Where an SLO's window lies at `at`.
 *
 * Rolling windows are `(at − W, at]`. Calendar windows are the local
 * week/month/quarter containing `at` in the window's time zone, computed
 * with luxon so local midnights survive daylight-saving changes (a March
 * month in Europe/Berlin is 31 days minus one hour long).
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
  const start = local.startOf(window.unit);
  const end = start.plus({ [`${window.unit}s`]: 1 });
  return {
    kind: 'calendar',
    start: start.toMillis(),
    end: end.toMillis(),
    lengthMs: end.toMillis() - start.toMillis(),
  };
}
