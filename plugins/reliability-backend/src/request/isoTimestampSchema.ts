import { z } from 'zod';

/**
 * An ISO-8601 timestamp with an offset (`2026-11-23T12:00:00Z`), as the
 * request bodies and query parameters of the API take it.
 */
export const isoTimestampSchema = z
  .string()
  .datetime({ offset: true, message: 'must be an ISO-8601 timestamp' });
