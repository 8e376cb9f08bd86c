import { InputError } from '@backstage/errors';
import {
  parseSloDuration,
  parseSloSpec,
  SloDefinition,
  sloNameSchema,
  sloWindowAt,
  visibleTextSchema,
} from '@reliability-suite/plugin-reliability-common';
import { z } from 'zod/v3';
import { PayloadTooLargeError } from '../errors/PayloadTooLargeError';
import { IncomingMeasurement } from '../slos/countMeasurements';
import { measurementBatchTooLarge } from '../slos/SloService';
import { isoTimestamp, parseMeasurements } from './parseMeasurements';
import { parseInput } from './parseInput';

/** Most points one series answers with. */
const MAX_SERIES_POINTS = 500;

/** `…/slos/:sloName` */
export const sloPathSchema = z.object({ sloName: sloNameSchema });

/** `GET …/slos/:sloName/status` */
export const sloStatusQuerySchema = z
  .object({ at: isoTimestamp.optional() })
  .strict();

/** `GET …/slos/:sloName/series` */
export const sloSeriesQuerySchema = z
  .object({
    from: isoTimestamp.optional(),
    to: isoTimestamp.optional(),
    step: z
      .string()
      .refine(
        v => parseSloDuration(v) !== undefined,
        'must be a duration such as 1h or 1d',
      )
      .optional(),
  })
  .strict();

/** `POST …/budget-exceptions` */
export const budgetExceptionBodySchema = z
  .object({
    reason: visibleTextSchema({
      min: 10,
      max: 2000,
      tooShort: 'must explain the exception in at least 10 characters',
    }),
    expiresAt: isoTimestamp,
  })
  .strict();

/**
 * `PUT …/slos/:sloName`: the body's optional `version` (the If-Match of
 * clients that cannot set headers) apart from the OpenSLO spec.
 */
export function splitSloPutBody(body: unknown): {
  version?: number;
  spec: unknown;
} {
  const { version, ...spec } = (body ?? {}) as { version?: unknown };
  if (
    version !== undefined &&
    (!Number.isSafeInteger(version) || (version as number) < 1)
  ) {
    throw new InputError(
      "Invalid request body 'version': must be the SLO's version number, a whole number from 1",
    );
  }
  return { version: version as number | undefined, spec };
}

/**
 * The largest OpenSLO spec stored, as JSON: a real one is 1–3 KB. The
 * spec is stored and sent back in every SLO list, so five oversized specs
 * once made one list response 60 MB.
 */
export const MAX_SLO_SPEC_BYTES = 32 * 1024;

/**
 * The OpenSLO spec of a `PUT`, or a 400 naming every offending field.
 *
 * @throws PayloadTooLargeError (413) over {@link MAX_SLO_SPEC_BYTES}
 */
export function parseSloDefinition(name: string, spec: unknown): SloDefinition {
  const bytes = Buffer.byteLength(JSON.stringify(spec ?? null));
  if (bytes > MAX_SLO_SPEC_BYTES) {
    throw new PayloadTooLargeError(
      `The SLO spec is ${bytes} bytes as JSON; the limit is ${MAX_SLO_SPEC_BYTES} bytes (32 KiB)`,
    );
  }
  const parsed = parseSloSpec(name, spec);
  if (!parsed.slo) {
    throw new InputError(
      parsed.errors
        .map(e => `Invalid request body '${e.path}': ${e.message}`)
        .join('; '),
    );
  }
  return parsed.slo;
}

/**
 * A measurements batch (an array or `{ measurements }`); an oversized one
 * is refused with 413 before any point is checked.
 */
export function parseMeasurementBatch(
  body: unknown,
  maxBatchSize: number,
): IncomingMeasurement[] {
  const raw = Array.isArray(body) ? { measurements: body } : body;
  const { measurements } = (raw ?? {}) as { measurements?: unknown };
  if (Array.isArray(measurements) && measurements.length > maxBatchSize) {
    throw measurementBatchTooLarge(maxBatchSize, measurements.length);
  }
  return parseMeasurements(raw);
}

/** `POST …/slos/:sloName/replay`: where to start (default the whole history). */
export const replayBodySchema = z
  .object({ from: isoTimestamp.optional() })
  .strict();

const historyRangeSchema = z
  .object({
    from: isoTimestamp,
    to: isoTimestamp,
    // Checked by the fast measurement parser below.
    measurements: z.array(z.unknown()),
  })
  .strict();

/**
 * `PUT …/slos/:sloName/history`: `{ from, to, measurements }`, the
 * measurements as in a batch (none clears the range).
 *
 * @throws PayloadTooLargeError over the batch limit
 * @throws InputError naming the field
 */
export function parseHistoryBody(
  body: unknown,
  maxBatchSize: number,
): { from: string; to: string; points: IncomingMeasurement[] } {
  const { from, to, measurements } = parseInput(
    historyRangeSchema,
    body,
    'request body',
  );
  if (measurements.length > maxBatchSize) {
    throw measurementBatchTooLarge(maxBatchSize, measurements.length);
  }
  const points =
    measurements.length === 0 ? [] : parseMeasurements({ measurements });
  return { from, to, points };
}

/**
 * The range and step of a series: by default the SLO's current window
 * (a calendar SLO's chart starts at its period start, where its budget
 * starts afresh) in about 100 steps of whole minutes.
 *
 * @throws InputError when `from` is not before `to`, or the step gives
 *   more than 500 points
 */
export function sloSeriesRange(
  query: z.infer<typeof sloSeriesQuerySchema>,
  timeWindow: SloDefinition['timeWindow'],
  now: Date,
): { from: number; to: number; step: number } {
  const to = query.to ? Date.parse(query.to) : now.getTime();
  const window = sloWindowAt(timeWindow, to);
  const windowFrom =
    window.kind === 'calendar' ? window.start : to - window.lengthMs;
  const from = query.from ? Date.parse(query.from) : windowFrom;
  if (from >= to) {
    throw new InputError("Invalid query parameter 'from': must be before 'to'");
  }
  const step = query.step
    ? parseSloDuration(query.step)!
    : Math.max(60_000, Math.ceil((to - from) / 100 / 60_000) * 60_000);
  if ((to - from) / step > MAX_SERIES_POINTS) {
    throw new InputError(
      `Invalid query parameter 'step': gives more than ${MAX_SERIES_POINTS} points between from and to; use a larger step`,
    );
  }
  return { from, to, step };
}
