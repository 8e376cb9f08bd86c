/**
 * How an SLO's time window is laid out.
 *
 * - `rolling`: the interval `(at − duration, at]`.
 * - `calendar`: the current calendar week (ISO, from Monday), month or
 *   quarter in `timeZone`, so a month stays aligned to local midnight
 *   across daylight-saving changes.
 *
 * @public
 */
export type SloTimeWindow =
  | { kind: 'rolling'; duration: string }
  | { kind: 'calendar'; unit: 'week' | 'month' | 'quarter'; timeZone: string };

/** @public */
export type SloBudgetingMethod = 'Occurrences' | 'Timeslices';

/**
 * An SLO as the suite computes it: the subset of OpenSLO v1 it uses.
 *
 * @public
 */
export interface SloDefinition {
  /** `metadata.name`: unique per entity. */
  name: string;
  displayName?: string;
  description?: string;
  /** Objective as a fraction in (0, 1): 99.9 % is 0.999. */
  target: number;
  timeWindow: SloTimeWindow;
  budgetingMethod: SloBudgetingMethod;
  /** Timeslices only: the ratio a slice needs to count as good, in (0, 1]. */
  timeSliceTarget?: number;
  /** Timeslices only: the slice length, e.g. `1m`; divides one hour. */
  timeSliceWindow?: string;
  /** Where good and total events come from (opaque to the math). */
  indicator?: { good?: unknown; total?: unknown };
}

/**
 * The burn-rate lookbacks the suite reports, shortest first.
 *
 * @public
 */
export const BURN_RATE_LOOKBACKS = [
  '5m',
  '30m',
  '1h',
  '6h',
  '1d',
  '3d',
] as const;

/** @public */
export type BurnRateLookback = (typeof BURN_RATE_LOOKBACKS)[number];

/**
 * An SLO's status, worst first in {@link SLO_STATUS_SEVERITY}.
 *
 * @public
 */
export type SloStatusName =
  | 'exhausted'
  | 'page'
  | 'ticket'
  | 'at-risk'
  | 'healthy'
  | 'no-data';

/**
 * Statuses from worst to least bad; an entity's status is the worst of its
 * SLOs'.
 *
 * @public
 */
export const SLO_STATUS_SEVERITY: readonly SloStatusName[] = [
  'exhausted',
  'page',
  'ticket',
  'at-risk',
  'healthy',
  'no-data',
];

/** @public */
export interface SloAlert {
  severity: 'page' | 'ticket';
  longWindow: BurnRateLookback;
  shortWindow: BurnRateLookback;
  threshold: number;
}

/**
 * `GET …/slos/{sloName}/status`: one SLO at one instant. Fractions, not
 * percentages; `null` where a value is undefined for lack of data.
 *
 * @public
 */
export interface SloStatusReport {
  at: string;
  window: { start: string; end: string };
  /** Events in the window (both budgeting methods). */
  good: number;
  total: number;
  attainment: number | null;
  errorBudget: {
    /** Allowed bad events (Occurrences) or slices (Timeslices) in the window. */
    total: number | null;
    consumed: number | null;
    remaining: number | null;
  };
  /** Timeslices only: slice counts. */
  slices?: { good: number; bad: number; elapsed: number; inWindow: number };
  burnRates: Record<BurnRateLookback, number | null>;
  alerts: SloAlert[];
  status: SloStatusName;
  projectedExhaustion: string | null;
}
