import {
  isSlicedSlo,
  SloDefinition,
} from '@reliability-suite/plugin-reliability-common';
import { MINUTE_MS } from '../database/slos/DatabaseSloStore';
import { DAY_MS, HOUR_MS, StoredResolution } from '../slos/historyBuckets';

/** One provider request: `[from, to)` in buckets of `stepMs`. */
export interface PullChunk {
  from: number;
  to: number;
  stepMs: number;
}

/** Minutes per request: a day, well under a batch's 10,000 points. */
const MINUTE_CHUNK_MS = DAY_MS;
/** Hours per request: a week. */
const HOUR_CHUNK_MS = 7 * DAY_MS;

/**
 * The provider requests that pull an SLO from `from` (a whole hour, or a
 * whole minute where minutes are kept) up to `until` (a whole minute), in
 * order, each inside one stored resolution so that it replaces whole
 * buckets: hours where the rollup keeps hours, minutes after. Sliced SLOs
 * (Timeslices, RatioTimeslices) are always asked per minute, since a
 * rolled-up hour keeps slice counts judged from its minutes, and so are
 * threshold metrics, whose
 * values are sampled once a minute.
 */
export function planPullChunks(
  definition: SloDefinition,
  from: number,
  until: number,
  resolution: StoredResolution,
): PullChunk[] {
  const chunks: PullChunk[] = [];
  // Threshold metrics too: their values are sampled per minute.
  const perMinute = isSlicedSlo(definition) || !!definition.threshold;
  let cursor = from;
  while (cursor < until) {
    const hourly = cursor < resolution.minuteFrom;
    const stepMs = hourly && !perMinute ? HOUR_MS : MINUTE_MS;
    const limit = hourly ? resolution.minuteFrom : until;
    const to = Math.min(
      limit,
      until,
      cursor + (stepMs === HOUR_MS ? HOUR_CHUNK_MS : MINUTE_CHUNK_MS),
    );
    // In the hourly region a chunk must end on a whole hour.
    const end = hourly ? Math.floor(to / HOUR_MS) * HOUR_MS : to;
    if (end <= cursor) break;
    chunks.push({ from: cursor, to: end, stepMs });
    cursor = end;
  }
  return chunks;
}
