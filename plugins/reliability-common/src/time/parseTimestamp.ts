import { z } from 'zod/v3';

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/** The earliest instant the API takes: nothing in it happened before 2000. @internal */
export const EARLIEST_TIMESTAMP_MS = Date.UTC(2000, 0, 1);
/** The latest: a typo's year 9999 is refused, a date this century is not. @internal */
export const LATEST_TIMESTAMP_MS = Date.UTC(2100, 0, 1);

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The instant an RFC 3339 timestamp names (`2026-11-23T12:00:00Z`,
 * `2026-11-23T13:00:00.5+01:00`), in epoch milliseconds; undefined for
 * anything else. Strict where `Date.parse` and zod's `datetime` are not:
 * seconds are required, every field must exist in the calendar (no
 * 2027-02-29, no 24:00), offsets stay within ±14:00 (the widest real
 * one), and the instant lies in 2000–2099.
 *
 * @internal
 */
export function parseTimestamp(value: string): number | undefined {
  const m = RFC3339.exec(value);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  if (month < 1 || month > 12) return undefined;
  if (day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  let offsetMinutes = 0;
  if (!m[8]) {
    const hours = Number(m[10]);
    const minutes = Number(m[11]);
    if (minutes > 59 || hours * 60 + minutes > 14 * 60) return undefined;
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (hours * 60 + minutes);
  }
  const millis = m[7] ? Math.floor(Number(`0${m[7]}`) * 1000) : 0;
  const utc =
    Date.UTC(year, month - 1, day, hour, minute, second, millis) -
    offsetMinutes * 60_000;
  if (utc < EARLIEST_TIMESTAMP_MS || utc >= LATEST_TIMESTAMP_MS) {
    return undefined;
  }
  return utc;
}

/** What a refused timestamp's message says. @internal */
export const TIMESTAMP_MESSAGE =
  'must be an RFC 3339 timestamp such as 2026-11-23T12:00:00Z (offset within ±14:00, years 2000–2099)';

/**
 * A timestamp field: {@link parseTimestamp} must accept it. The text is
 * kept as sent; `Date.parse` reads every form this accepts to the same
 * instant (tested).
 *
 * @internal
 */
export const timestampSchema = z
  .string()
  .refine(value => parseTimestamp(value) !== undefined, TIMESTAMP_MESSAGE);
