import { DateTime, Duration } from 'luxon';
import { Handoff, OnCallShift, Rotation } from './Rotation';

function anchorOf(
  rotation: Pick<Rotation, 'handoffAnchor' | 'timeZone'>,
): DateTime {
  return DateTime.fromISO(rotation.handoffAnchor, { zone: rotation.timeZone });
}

/**
 * The boundaries of shift `k` (0 = the shift starting at the anchor).
 * luxon adds days, weeks and months in local time, so a 09:00 hand-off
 * stays at 09:00 across daylight-saving changes; hours and minutes are
 * exact elapsed time.
 */
function shiftStart(anchor: DateTime, shift: Duration, k: number): number {
  return anchor.plus(shift.mapUnits(x => x * k)).toMillis();
}

/** Index of the shift containing `t`: `start(k) <= t < start(k + 1)`. */
function shiftIndexAt(anchor: DateTime, shift: Duration, t: number): number {
  const approxMs = shift.toMillis();
  let k = Math.floor((t - anchor.toMillis()) / approxMs);
  while (shiftStart(anchor, shift, k) > t) k -= 1;
  while (shiftStart(anchor, shift, k + 1) <= t) k += 1;
  return k;
}

function levelShift(rotation: Rotation, level: number): Duration {
  return Duration.fromISO(
    rotation.levels[level - 1]?.shiftLength ?? rotation.shiftLength,
  );
}

/**
 * Who is on call at `t` (epoch ms) on each level, overrides first. Before
 * the rotation's first hand-off nobody is scheduled, so a level without an
 * override is missing from the answer then.
 *
 * @public
 */
export function onCallAt(rotation: Rotation, t: number): OnCallShift[] {
  const anchor = anchorOf(rotation);
  const shifts: OnCallShift[] = [];
  rotation.levels.forEach((levelDef, index) => {
    const level = index + 1;
    const override = rotation.overrides.find(
      o =>
        (o.level ?? 1) === level &&
        Date.parse(o.start) <= t &&
        t < Date.parse(o.end),
    );
    if (override) {
      shifts.push({
        level,
        user: override.user,
        start: override.start,
        end: override.end,
        override: true,
      });
      return;
    }
    if (t < anchor.toMillis() || levelDef.users.length === 0) {
      return;
    }
    const shift = levelShift(rotation, level);
    const k = shiftIndexAt(anchor, shift, t);
    const n = levelDef.users.length;
    // The stint ends with the shift, or earlier where an override starts.
    const end = Math.min(
      shiftStart(anchor, shift, k + 1),
      ...rotation.overrides
        .filter(o => (o.level ?? 1) === level && Date.parse(o.start) > t)
        .map(o => Date.parse(o.start)),
    );
    shifts.push({
      level,
      user: levelDef.users[((k % n) + n) % n],
      start: new Date(shiftStart(anchor, shift, k)).toISOString(),
      end: new Date(end).toISOString(),
      override: false,
    });
  });
  return shifts;
}

/**
 * The next `count` changes of who is on call on `level` after `t`, from
 * the schedule and overrides together; a boundary where the same person
 * stays on is not a hand-off. Looks at most `horizonMs` ahead.
 *
 * @public
 */
export function nextHandoffs(
  rotation: Rotation,
  t: number,
  count: number,
  options: { level?: number; horizonMs?: number } = {},
): Handoff[] {
  const level = options.level ?? 1;
  const horizon = t + (options.horizonMs ?? 90 * 24 * 3_600_000);
  const anchor = anchorOf(rotation);
  const shift = levelShift(rotation, level);
  const candidates = new Set<number>();
  let k = t < anchor.toMillis() ? 0 : shiftIndexAt(anchor, shift, t) + 1;
  for (
    let boundary = shiftStart(anchor, shift, k);
    boundary <= horizon && candidates.size < count * 4 + 8;
    boundary = shiftStart(anchor, shift, ++k)
  ) {
    if (boundary > t) candidates.add(boundary);
  }
  for (const o of rotation.overrides) {
    if ((o.level ?? 1) !== level) continue;
    for (const edge of [Date.parse(o.start), Date.parse(o.end)]) {
      if (edge > t && edge <= horizon) candidates.add(edge);
    }
  }
  const who = (at: number) =>
    onCallAt(rotation, at).find(s => s.level === level)?.user ?? null;
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
 * @public
 */
export function uncoveredIntervals(
  rotation: Rotation,
  from: number,
  to: number,
): Array<{ start: string; end: string }> {
  const edges = new Set<number>([from, to]);
  const anchorMs = anchorOf(rotation).toMillis();
  if (anchorMs > from && anchorMs < to) edges.add(anchorMs);
  for (const o of rotation.overrides) {
    for (const edge of [Date.parse(o.start), Date.parse(o.end)]) {
      if (edge > from && edge < to) edges.add(edge);
    }
  }
  const sorted = [...edges].sort((a, b) => a - b);
  const gaps: Array<{ start: number; end: number }> = [];
  for (let i = 0; i < sorted.length - 1; i++) {
    const covered = onCallAt(rotation, sorted[i]).some(s => s.level === 1);
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
