import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod/v3';
import { parseSloDuration } from './parseSloDuration';
import { SloCalendarUnit } from './SloDefinition';

export const HOUR_MS = 3_600_000;
const MAX_ROLLING_MS = 90 * 24 * HOUR_MS;

/** OpenSLO's duration-shorthand postfixes for calendar windows. */
const CALENDAR_POSTFIX: Record<string, SloCalendarUnit> = {
  h: 'hour',
  d: 'day',
  w: 'week',
  M: 'month',
  Q: 'quarter',
};

/**
 * At most a quarter per calendar window: measurements older than 100 days
 * are kept per day, so a longer window could not start on its hour.
 */
const MAX_CALENDAR_COUNT: Record<SloCalendarUnit, number> = {
  hour: 92 * 24,
  day: 92,
  week: 13,
  month: 3,
  quarter: 1,
};

/**
 * A calendar window's duration (`1w`, `2M`, `1Q`) as units, or what is
 * wrong with it.
 *
 * @internal
 */
export function parseCalendarDuration(
  duration: string,
): { unit: SloCalendarUnit; count: number } | { problem: string } {
  const match = /^([1-9]\d{0,3})([a-zA-Z])$/.exec(duration);
  if (!match) {
    return {
      problem:
        'a calendar window must be a duration such as 1w, 1M or 1Q (a number and one of h, d, w, M, Q)',
    };
  }
  const count = Number(match[1]);
  const postfix = match[2];
  if (postfix === 'm') {
    return {
      problem: `a calendar window must be at least 1h: ${duration} is ${count} minute${
        count > 1 ? 's' : ''
      } (a month is ${count}M)`,
    };
  }
  if (postfix === 'Y') {
    return {
      problem:
        'not supported: calendar windows of years; windows up to a quarter (1Q, 3M, 13w, 92d) are exact, as measurements older than 100 days are kept per day',
    };
  }
  const unit = CALENDAR_POSTFIX[postfix];
  if (!unit) {
    return {
      problem: `unknown duration postfix '${postfix}': OpenSLO calendar windows use h, d, w, M or Q`,
    };
  }
  if (count > MAX_CALENDAR_COUNT[unit]) {
    return {
      problem:
        'a calendar window may be at most a quarter (1Q, 3M, 13w, 92d or 2208h)',
    };
  }
  return { unit, count };
}

// Hours 00-23: 24:00 would be the next day's midnight under another name.
const START_TIME =
  /^(\d{4}-\d{2}-\d{2})(?:[ T]([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?)?$/;

/**
 * OpenSLO `calendar.startTime` (`2022-01-01 12:00:00`, a local time without
 * a zone) as `YYYY-MM-DDTHH:mm:ss`, or undefined when it is not one.
 *
 * @internal
 */
export function normalizeStartTime(value: string): string | undefined {
  const match = START_TIME.exec(value.trim());
  if (!match) return undefined;
  const normalized = `${match[1]}T${match[2] ?? '00'}:${match[3] ?? '00'}:${
    match[4] ?? '00'
  }`;
  return DateTime.fromISO(normalized, { zone: 'UTC' }).isValid
    ? normalized
    : undefined;
}

/**
 * One OpenSLO `timeWindow` entry: rolling (1h to 90d) or calendar-aligned
 * (up to a quarter, in a zone, optionally from `calendar.startTime`).
 *
 * @internal
 */
export const openSloTimeWindowSchema = z
  .object({
    duration: z.string().max(16),
    // OpenSLO: when omitted, false if `calendar` is given, else true.
    isRolling: z.boolean().optional(),
    calendar: z
      .object({
        startTime: z
          .string()
          .max(64)
          .refine(
            value => normalizeStartTime(value) !== undefined,
            'must be a local date and time such as 2022-01-01 12:00:00, without a time zone (the zone is calendar.timeZone)',
          )
          .optional(),
        timeZone: z
          .string()
          .refine(
            zone => IANAZone.isValidZone(zone),
            'must be an IANA time zone such as Europe/Berlin',
          ),
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((window, ctx) => {
    const issue = (path: string[], message: string) =>
      ctx.addIssue({ code: z.ZodIssueCode.custom, path, message });
    if (window.isRolling ?? !window.calendar) {
      const ms = parseSloDuration(window.duration);
      if (ms === undefined || ms < HOUR_MS || ms > MAX_ROLLING_MS) {
        issue(
          ['duration'],
          'a rolling window must be a duration from 1h to 90d, such as 28d or 30d',
        );
      }
      if (window.calendar) {
        issue(
          ['calendar'],
          'a rolling window has no calendar: set isRolling: false for a calendar-aligned window',
        );
      }
      return;
    }
    const parsed = parseCalendarDuration(window.duration);
    if ('problem' in parsed) {
      issue(['duration'], parsed.problem);
    }
    if (!window.calendar) {
      issue(['calendar'], 'a calendar window needs calendar.timeZone');
    } else if (
      'count' in parsed &&
      parsed.count > 1 &&
      !window.calendar.startTime
    ) {
      issue(
        ['calendar', 'startTime'],
        `a calendar window of ${window.duration} needs calendar.startTime, the local time one of its periods starts`,
      );
    }
  });
