import { DateTime, Duration } from 'luxon';
import { boundedMemo } from '../memo/boundedMemo';
import { Handoff, OnCallShift, Rotation } from './Rotation';

/** A level's schedule: its anchor and shift length, parsed once. */
interface Schedule {
  key: string;
  anchor: DateTime;
  anchorMs: number;
  shift: Duration;
}

const schedules = boundedMemo<Schedule>(2_000);
const shiftStarts = boundedMemo<number>();

function scheduleOf(rotation: Rotation, level: number): Schedule {
  const shiftLength =
    rotation.levels[level - 1]?.shiftLength ?? rotation.shiftLength;
  const key = `${rotation.handoffAnchor}|${rotation.timeZone}|${shiftLength}`;
  return schedules(key, () => {
    const anchor = DateTime.fromISO(rotation.handoffAnchor, {
      zone: rotation.timeZone,
    });
    return {
      key,
      anchor,
      anchorMs: anchor.toMillis(),
      shift: Duration.fromISO(shiftLength),
    };
  });
}

/**
 * The start of shift `k` (0 = the shift starting at the anchor). luxon
 * adds days, weeks and months in local time, so a 09:00 hand-off stays at
 * 09:00 across daylight-saving changes; hours and minutes are exact
 * elapsed time. Remembered: every request asks for the same few shifts,
 * and each local-time step costs luxon an `Intl` offset look-up.
 */
function shiftStart(schedule: Schedule, k: number): number {
  return shiftStarts(`${schedule.key}|${k}`, () =>
    schedule.anchor.plus(schedule.shift.mapUnits(x => x * k)).toMillis(),
  );
}

/** Index of the shift containing `t`: `start(k) <= t < start(k + 1)`. */
function shiftIndexAt(schedule: Schedule, t: number): number {
  const approxMs = schedule.shift.toMillis();
  let k = Math.floor((t - schedule.anchorMs) / approxMs);
  while (shiftStart(schedule, k) > t) k -= 1;
  while (shiftStart(schedule, k + 1) <= t) k += 1;
  return k;
}

/** Who is on call at `t` on one level, or undefined when nobody is. */
function shiftAt(
  rotation: Rotation,
  level: number,
  t: number,
): OnCallShift | undefined {
  const override = rotation.overrides.find(
    o =>
      (o.level ?? 1) === level &&
      Date.parse(o.start) <= t &&
      t < Date.parse(o.end),
  );
  if (override) {
    return {
      level,
      user: override.user,
      start: override.start,
      end: override.end,
      override: true,
    };
  }
  const users = rotation.levels[level - 1]?.users ?? [];
  const schedule = scheduleOf(rotation, level);
  if (t < schedule.anchorMs || users.length === 0) {
    return undefined;
  }
  const k = shiftIndexAt(schedule, t);
  const n = users.length;
  // The stint ends with the shift, or earlier where an override starts.
  const end = Math.min(
    shiftStart(schedule, k + 1),
    ...rotation.overrides
      .filter(o => (o.level ?? 1) === level && Date.parse(o.start) > t)
      .map(o => Date.parse(o.start)),
  );
  return {
    level,
    user: users[((k % n) + n) % n],
    start: new Date(shiftStart(schedule, k)).toISOString(),
    end: new Date(end).toISOString(),
    override: false,
  };
}

/**
 * Who is on call at `t` (epoch ms) on each level, overrides first. Before
 * the rotation's first hand-off nobody is scheduled, so a level without an
 * override is missing from the answer then.
 *
 * @internal
 */
export function onCallAt(rotation: Rotation, t: number): OnCallShift[] {
  return rotation.levels.flatMap((_level, index) => {
    const shift = shiftAt(rotation, index + 1, t);
    return shift ? [shift] : [];
  });
}

/**
 * The next `count` changes of who is on call on `level` after `t`, from
 * the schedule and overrides together; a boundary where the same person
 * stays on is not a hand-off. Looks at most `horizonMs` ahead.
 *
 * @internal
 */
export function nextHandoffs(
  rotation: Rotation,
  t: number,
  count: number,
  options: { level?: number; horizonMs?: number } = {},
): Handoff[] {
  const level = options.level ?? 1;
  const horizon = t + (options.horizonMs ?? 90 * 24 * 3_600_000);
  const schedule = scheduleOf(rotation, level);
  const candidates = new Set<number>();
  let k = t < schedule.anchorMs ? 0 : shiftIndexAt(schedule, t) + 1;
  for (
    let boundary = shiftStart(schedule, k);
    boundary <= horizon && candidates.size < count * 4 + 8;
    boundary = shiftStart(schedule, ++k)
  ) {
    if (boundary > t) candidates.add(boundary);
  }
  for (const o of rotation.overrides) {
    if ((o.level ?? 1) !== level) continue;
    for (const edge of [Date.parse(o.start), Date.parse(o.end)]) {
      if (edge > t && edge <= horizon) candidates.add(edge);
    }
  }
  const who = (at: number) => shiftAt(rotation, level, at)?.user ?? null;
  const handoffs: Handoff[] = [];
  let current = who(t);
  for (const at of [...candidates].sort((a, b) => a - b)) {
    const next = who(at);
    if (next !== current && next !== null) {
      handoffs.push({
        at: new Date(at).toISOString(),
        level,
        from: current,
        to: next,
      });
      if (handoffs.length === count) break;
    }
    current = next;
  }
  return handoffs;
}

/**
 * Intervals within `[from, to)` when nobody is on call on level 1.
 *
 * @internal
 */
export function uncoveredIntervals(
  rotation: Rotation,
  from: number,
  to: number,
): Array<{ start: string; end: string }> {
  const edges = new Set<number>([from, to]);
  const { anchorMs } = scheduleOf(rotation, 1);
  if (anchorMs > from && anchorMs < to) edges.add(anchorMs);
  for (const o of rotation.overrides) {
    for (const edge of [Date.parse(o.start), Date.parse(o.end)]) {
      if (edge > from && edge < to) edges.add(edge);
    }
  }
  const sorted = [...edges].sort((a, b) => a - b);
  const gaps: Array<{ start: number; end: number }> = [];
  for (let i = 0; i < sorted.length - 1; i++) {
    const covered = shiftAt(rotation, 1, sorted[i]) !== undefined;
    if (!covered) {
      const last = gaps[gaps.length - 1];
      if (last && last.end === sorted[i]) last.end = sorted[i + 1];
      else gaps.push({ start: sorted[i], end: sorted[i + 1] });
    }
  }
  return gaps.map(g => ({
    start: new Date(g.start).toISOString(),
    end: new Date(g.end).toISOString(),
  }));
}
