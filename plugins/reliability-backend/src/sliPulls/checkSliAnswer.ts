import {
  SliAnswer,
  SliValueAnswer,
} from '@reliability-suite/plugin-reliability-node';
import { ValueMeasurement } from '../slos/countMeasurements';
import { Measurement } from '../slos/SloService';
import { PullChunk } from './planPullChunks';

/**
 * A provider's answer checked before anything is stored: one entry per
 * bucket of the asked step inside the asked range, whole counts with
 * `0 ≤ good ≤ total`. A module's bug must not become an SLO's history.
 *
 * @returns the answer as measurement points
 * @throws Error naming the first wrong bucket
 */
export function checkSliAnswer(
  providerId: string,
  answer: SliAnswer,
  chunk: PullChunk,
): Measurement[] {
  if (!answer || !Array.isArray(answer.buckets)) {
    throw new Error(`${providerId} answered without a list of buckets`);
  }
  const seen = new Set<number>();
  return answer.buckets.map(bucket => {
    const { start, good, total } = bucket ?? ({} as typeof bucket);
    const where = Number.isFinite(start)
      ? new Date(start).toISOString()
      : String(start);
    const wrong = (why: string) =>
      new Error(`${providerId} answered a wrong bucket at ${where}: ${why}`);
    if (
      !Number.isSafeInteger(start) ||
      start < chunk.from ||
      start >= chunk.to ||
      (start - chunk.from) % chunk.stepMs !== 0
    ) {
      throw wrong(
        `not a bucket of ${chunk.stepMs / 60_000} min in [${new Date(
          chunk.from,
        ).toISOString()}, ${new Date(chunk.to).toISOString()})`,
      );
    }
    if (seen.has(start)) throw wrong('answered twice');
    seen.add(start);
    if (!Number.isSafeInteger(good) || !Number.isSafeInteger(total)) {
      throw wrong('counts must be whole numbers');
    }
    if (good < 0 || good > total) {
      throw wrong(`good ${good} must lie between 0 and total ${total}`);
    }
    return { timestamp: new Date(start).toISOString(), good, total };
  });
}

/**
 * A provider's values of a threshold metric checked before anything is
 * stored: whole minutes inside the asked range, numbers (±Infinity allowed,
 * NaN not: a sample without a value is left out).
 *
 * @returns the values as measurement points, one event each
 * @throws Error naming the first wrong point
 */
export function checkSliValues(
  providerId: string,
  answer: SliValueAnswer,
  chunk: PullChunk,
): ValueMeasurement[] {
  if (!answer || !Array.isArray(answer.points)) {
    throw new Error(`${providerId} answered without a list of values`);
  }
  return answer.points.map(point => {
    const { timestamp, value } = point ?? ({} as typeof point);
    const where = Number.isFinite(timestamp)
      ? new Date(timestamp).toISOString()
      : String(timestamp);
    if (
      !Number.isSafeInteger(timestamp) ||
      timestamp < chunk.from ||
      timestamp >= chunk.to ||
      timestamp % 60_000 !== 0
    ) {
      throw new Error(
        `${providerId} answered a wrong value at ${where}: not a whole minute in [${new Date(
          chunk.from,
        ).toISOString()}, ${new Date(chunk.to).toISOString()})`,
      );
    }
    if (typeof value !== 'number' || Number.isNaN(value)) {
      throw new Error(
        `${providerId} answered a wrong value at ${where}: ${String(
          value,
        )} is not a number`,
      );
    }
    return { timestamp: new Date(timestamp).toISOString(), value };
  });
}
