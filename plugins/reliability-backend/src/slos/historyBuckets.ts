import { InputError } from '@backstage/errors';
import {
  countTimeSlices,
  isSlicedSlo,
  longestSloWindowMs,
  SliBucket,
  SloDefinition,
} from '@reliability-suite/plugin-reliability-common';
import { MINUTE_MS } from '../database/slos/DatabaseSloStore';
import { Measurement } from './SloService';

export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** The history every SLO may hold at least: the common 30-day window. */
const MIN_HISTORY_MS = 30 * DAY_MS;

/**
 * How far back an SLO accepts measurements: its window (a calendar
 * window's longest period), at least 30 days, plus `marginMs`, so that a
 * team adopting an SLO can load the whole window it is judged on.
 */
export function historyHorizonMs(
  definition: SloDefinition,
  marginMs: number,
): number {
  return (
    Math.max(MIN_HISTORY_MS, longestSloWindowMs(definition.timeWindow)) +
    marginMs
  );
}

/**
 * The resolution stored buckets have at `now`, as the rollup leaves them:
 * one-minute buckets from `minuteFrom` on, hours before it, days before
 * `hourFrom`. Both are whole hours (days), as the rollup only rolls whole
 * coarse buckets.
 */
export interface StoredResolution {
  minuteFrom: number;
  hourFrom: number;
}

export function storedResolutionAt(
  now: number,
  minuteRetentionMs: number,
  hourRetentionMs: number,
): StoredResolution {
  return {
    minuteFrom: Math.floor((now - minuteRetentionMs) / HOUR_MS) * HOUR_MS,
    hourFrom: Math.floor((now - hourRetentionMs) / DAY_MS) * DAY_MS,
  };
}

/** The length of the stored bucket that starts at or contains `t`. */
export function bucketMsAt(resolution: StoredResolution, t: number): number {
  if (t < resolution.hourFrom) return DAY_MS;
  if (t < resolution.minuteFrom) return HOUR_MS;
  return MINUTE_MS;
}

/** What {@link historyBuckets} needs to know about the SLO and the clock. */
export interface HistoryLimits {
  definition: SloDefinition;
  resolution: StoredResolution;
  /** Oldest instant `from` may be. */
  earliest: number;
  /** Latest instant `to` may be. */
  latest: number;
  /** How far back, in days, for messages. */
  horizonDays: number;
}

/**
 * The buckets that replace an SLO's history over `[from, to)`: points are
 * summed per minute, and each minute goes into the bucket it would be in
 * by now (minute, hour or day by its age). A rolled-up bucket of a
 * Timeslices SLO keeps its slice counts, judged from this load's points:
 * the load replaces whole buckets, so each slice is judged from all of its
 * points at once.
 *
 * @throws InputError naming `from`, `to` or the first offending point
 */
export function historyBuckets(
  input: { from: string; to: string; points: Measurement[] },
  limits: HistoryLimits,
): { from: number; to: number; buckets: SliBucket[] } {
  const { resolution, definition } = limits;
  const from = Date.parse(input.from);
  const to = Date.parse(input.to);
  const field = (name: string, why: string) =>
    new InputError(`Invalid request body '${name}': ${why}`);
  if (from >= to) throw field('to', 'must be after from');
  if (from < limits.earliest) {
    throw field(
      'from',
      `${input.from} is older than this SLO's ${limits.horizonDays}-day history (its window and a margin)`,
    );
  }
  if (to > limits.latest) {
    throw field('to', `${input.to} is in the future`);
  }
  for (const [name, t, at] of [
    ['from', from, from],
    ['to', to, to - 1],
  ] as const) {
    const unit = bucketMsAt(resolution, at);
    if (t % unit !== 0) {
      throw field(
        name,
        `${input[name]} must be a whole ${unitName(
          unit,
        )}: measurements of that age are kept per ${unitName(unit)}`,
      );
    }
  }
  const minutes = new Map<number, SliBucket>();
  input.points.forEach((point, index) => {
    const t = Date.parse(point.timestamp);
    if (t < from || t >= to) {
      throw new InputError(
        `Invalid measurement [${index}].timestamp: ${point.timestamp} is outside the replaced range [${input.from}, ${input.to})`,
      );
    }
    const start = Math.floor(t / MINUTE_MS) * MINUTE_MS;
    const bucket = minutes.get(start) ?? {
      start,
      durationMs: MINUTE_MS,
      good: 0,
      total: 0,
    };
    bucket.good += point.good;
    bucket.total += point.total;
    minutes.set(start, bucket);
  });
  const groups = new Map<string, SliBucket[]>();
  for (const minute of minutes.values()) {
    const unit = bucketMsAt(resolution, minute.start);
    const start = Math.floor(minute.start / unit) * unit;
    const key = `${unit}:${start}`;
    groups.set(key, [...(groups.get(key) ?? []), minute]);
  }
  const buckets: SliBucket[] = [];
  for (const [key, group] of groups) {
    const [unit, start] = key.split(':').map(Number);
    if (unit === MINUTE_MS) {
      buckets.push(group[0]);
      continue;
    }
    buckets.push({
      start,
      durationMs: unit,
      good: group.reduce((sum, b) => sum + b.good, 0),
      total: group.reduce((sum, b) => sum + b.total, 0),
      ...(isSlicedSlo(definition) ? countTimeSlices(definition, group) : {}),
    });
  }
  buckets.sort((a, b) => a.start - b.start);
  return { from, to, buckets };
}

function unitName(unitMs: number): string {
  if (unitMs === DAY_MS) return 'day (UTC)';
  if (unitMs === HOUR_MS) return 'hour';
  return 'minute';
}
