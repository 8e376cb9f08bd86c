/**
 * One escalation level of a rotation: its people, in order, taking turns
 * shift by shift.
 *
 * @public
 */
export interface RotationLevel {
  /** User entity refs, in rotation order. */
  users: string[];
  /**
   * This level's own shift length (ISO-8601 duration); the rotation's
   * when absent.
   */
  shiftLength?: string;
}

/**
 * Someone covering a level between two instants; wins over the schedule.
 *
 * @public
 */
export interface RotationOverride {
  id?: string;
  /** ISO-8601 instants; `start` inclusive, `end` exclusive. */
  start: string;
  end: string;
  /** User entity ref. */
  user: string;
  /** 1-based escalation level. Default 1. */
  level?: number;
}

/**
 * An on-call rotation owned by a team.
 *
 * @public
 */
export interface Rotation {
  id: string;
  name: string;
  /** The owning Group's entity ref. */
  team: string;
  /** IANA time zone in which hand-offs happen, e.g. `Europe/Berlin`. */
  timeZone: string;
  /**
   * Local date-time of the first hand-off (`2026-01-05T09:00`); later
   * hand-offs keep its local time across daylight-saving changes for
   * shift lengths in days, weeks or months.
   */
  handoffAnchor: string;
  /** ISO-8601 duration of one shift, e.g. `P1W`, `P1D`, `PT12H`. */
  shiftLength: string;
  /** Level 1 first. */
  levels: RotationLevel[];
  overrides: RotationOverride[];
}

/**
 * Who is on call on one level at one instant.
 *
 * @internal
 */
export interface OnCallShift {
  /** 1-based level. */
  level: number;
  user: string;
  /** ISO-8601 start and (exclusive) end of this person's current stint. */
  start: string;
  end: string;
  /** True when an override puts this person on call. */
  override: boolean;
}

/**
 * A change of the level-1 on-call person.
 *
 * @public
 */
export interface Handoff {
  at: string;
  level: number;
  from: string | null;
  to: string;
}
