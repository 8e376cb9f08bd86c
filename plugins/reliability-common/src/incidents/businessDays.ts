import { DateTime } from 'luxon';
import { boundedMemo } from '../memo/boundedMemo';

const deadlines = boundedMemo<number>();
const endsOfDay = boundedMemo<number>();

/** The organisation's calendar for due dates. @internal */
export interface BusinessCalendar {
  /** IANA time zone in which days begin and end. */
  timeZone: string;
  /** Local dates (`YYYY-MM-DD`) that are not business days. */
  holidays: readonly string[];
}

function isBusinessDay(day: DateTime, holidays: ReadonlySet<string>): boolean {
  return day.weekday <= 5 && !holidays.has(day.toISODate()!);
}

/**
 * The deadline `businessDays` business days after `from`: the end of the
 * N-th business day after the local day of `from` (weekends and holidays
 * skipped), in the calendar's time zone. A Friday-evening resolution with
 * 5 days is due at the end of the next Friday; so is a Saturday one.
 *
 * @returns epoch milliseconds of the last instant of that day
 * @internal
 */
export function businessDayDeadline(
  from: number,
  businessDays: number,
  calendar: BusinessCalendar,
): number {
  return deadlines(
    `${from}|${businessDays}|${calendar.timeZone}|${calendar.holidays.join()}`,
    () => computeDeadline(from, businessDays, calendar),
  );
}

function computeDeadline(
  from: number,
  businessDays: number,
  calendar: BusinessCalendar,
): number {
  const holidays = new Set(calendar.holidays);
  let day = DateTime.fromMillis(from, { zone: calendar.timeZone }).startOf(
    'day',
  );
  let counted = 0;
  while (counted < businessDays) {
    day = day.plus({ days: 1 });
    if (isBusinessDay(day, holidays)) {
      counted += 1;
    }
  }
  return day.endOf('day').toMillis();
}

/**
 * The last instant of a local date (`YYYY-MM-DD`) in the calendar's time
 * zone: an action due on a date may be closed until that day ends.
 *
 * @internal
 */
export function endOfLocalDate(
  date: string,
  calendar: Pick<BusinessCalendar, 'timeZone'>,
): number {
  return endsOfDay(`${date}|${calendar.timeZone}`, () =>
    DateTime.fromISO(date, { zone: calendar.timeZone }).endOf('day').toMillis(),
  );
}
