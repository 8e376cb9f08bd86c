import { timestampSchema } from '@reliability-suite/plugin-reliability-common';

/**
 * A timestamp in a request body or query parameter: RFC 3339 with seconds
 * and an offset within ±14:00, a real calendar instant in 2000–2099 (see
 * `parseTimestamp` in -common). Anything else is a 400 naming the field,
 * never a NaN date that reaches SQL or erases a stored value.
 */
export const isoTimestampSchema = timestampSchema;
