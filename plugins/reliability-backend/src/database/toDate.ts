/**
 * Reads a timestamp column. PostgreSQL returns `Date`, SQLite returns the
 * epoch milliseconds or the string knex wrote; all mean the same instant.
 */
export function toDate(value: Date | string | number): Date {
  if (value instanceof Date) {
    return value;
  }
  return new Date(value);
}
