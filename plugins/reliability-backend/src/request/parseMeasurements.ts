import {
  parseTimestamp,
  timestampSchema,
} from '@reliability-suite/plugin-reliability-common';
import { z } from 'zod/v3';
import { IncomingMeasurement } from '../slos/countMeasurements';
import { Measurement } from '../slos/SloService';
import { parseInput } from './parseInput';

/** `timestamp`: the one strict timestamp of the API. */
export const isoTimestamp = timestampSchema;

/** A count of events: a whole number JavaScript holds exactly. */
const countSchema = z
  .number()
  .int('must be a whole number')
  .nonnegative('must not be negative')
  .max(Number.MAX_SAFE_INTEGER, `must be at most ${Number.MAX_SAFE_INTEGER}`);

const measurementSchema = z
  .object({
    timestamp: isoTimestamp,
    good: countSchema,
    total: countSchema,
  })
  .strict()
  .refine(point => point.good <= point.total, {
    message: 'must not exceed total',
    path: ['good'],
  });

/** A value of a threshold metric: one event, judged by the objective. */
const valueMeasurementSchema = z
  .object({
    timestamp: isoTimestamp,
    value: z.number().finite(),
  })
  .strict();

const batchSchema = z
  .object({
    measurements: z
      .array(measurementSchema)
      .min(1, 'must hold at least one measurement'),
  })
  .strict();

const valueBatchSchema = z
  .object({
    measurements: z
      .array(valueMeasurementSchema)
      .min(1, 'must hold at least one measurement'),
  })
  .strict();

function isCount(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

type Point = Record<string, unknown>;

/** A `{ timestamp, good, total }` point the zod schema accepts. */
function isCountPoint(point: Point): boolean {
  const { timestamp, good, total } = point;
  return (
    Object.keys(point).length === 3 &&
    typeof timestamp === 'string' &&
    parseTimestamp(timestamp) !== undefined &&
    isCount(good) &&
    isCount(total) &&
    good <= total
  );
}

/** A `{ timestamp, value }` point the zod schema accepts. */
function isValuePoint(point: Point): boolean {
  const { timestamp, value } = point;
  return (
    Object.keys(point).length === 2 &&
    typeof timestamp === 'string' &&
    parseTimestamp(timestamp) !== undefined &&
    typeof value === 'number' &&
    Number.isFinite(value)
  );
}

/**
 * True only for `{ measurements }` with one or more points, each passing
 * `isPoint`, and nothing else. A plain loop, because zod takes ~50 ms for
 * 10,000 points, more than storing them.
 */
function isValidBatch(raw: unknown, isPoint: (point: Point) => boolean) {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return false;
  }
  const { measurements } = raw as { measurements?: unknown };
  if (Object.keys(raw).length !== 1 || !Array.isArray(measurements)) {
    return false;
  }
  if (measurements.length === 0) return false;
  for (const point of measurements) {
    if (typeof point !== 'object' || point === null || Array.isArray(point)) {
      return false;
    }
    if (!isPoint(point as Point)) return false;
  }
  return true;
}

/** True only for a batch of counts the zod schema accepts. */
export function isValidMeasurementBatch(
  raw: unknown,
): raw is { measurements: Measurement[] } {
  return isValidBatch(raw, isCountPoint);
}

/** True only for a batch of values the zod schema accepts. */
export function isValidValueBatch(
  raw: unknown,
): raw is { measurements: Array<{ timestamp: string; value: number }> } {
  return isValidBatch(raw, isValuePoint);
}

/** Whether a batch is of values: its first point has a `value`. */
function looksLikeValues(raw: unknown): boolean {
  const first = (raw as { measurements?: unknown[] } | null)?.measurements?.[0];
  return typeof first === 'object' && first !== null && 'value' in first;
}

/**
 * A batch of measurements from a request body (an array, or
 * `{ measurements }`). Valid batches take the fast check; anything else
 * goes through the zod schema, whose message names the first offending
 * point and field (`'measurements.3.good': must not exceed total`).
 *
 * @throws InputError naming the field
 */
export function parseMeasurements(body: unknown): IncomingMeasurement[] {
  const raw = Array.isArray(body) ? { measurements: body } : body;
  if (isValidMeasurementBatch(raw)) {
    return raw.measurements.map(({ timestamp, good, total }) => ({
      timestamp,
      good,
      total,
    }));
  }
  // Values of a threshold metric: the SLO says later whether it takes them.
  if (isValidValueBatch(raw)) {
    return raw.measurements.map(({ timestamp, value }) => ({
      timestamp,
      value,
    }));
  }
  return parseInput(
    looksLikeValues(raw) ? valueBatchSchema : batchSchema,
    raw,
    'request body',
  ).measurements;
}

/** For tests: the schemas the fast checks must agree with. */
export const measurementBatchSchema = batchSchema;
/** For tests. */
export const valueMeasurementBatchSchema = valueBatchSchema;
