/**
 * How an SLO's time window is laid out.
 *
 * - `rolling`: the interval `(at − duration, at]`.
 * - `calendar`: the period of `count` units (one when absent) containing
 *   `at`, in local time of `timeZone`, so a month stays aligned to local
 *   midnight across daylight-saving changes. Periods follow each other
 *   from `startTime` when it is given (a week from Saturday 12:00), and
 *   from the unit's natural start otherwise (ISO weeks from Monday, months
 *   from the 1st, quarters from January, April, July and October).
 *
 * @public
 */
export type SloTimeWindow =
  | { kind: 'rolling'; duration: string }
  | {
      kind: 'calendar';
      unit: SloCalendarUnit;
      /** Units per period, 1 when absent; more than 1 needs `startTime`. */
      count?: number;
      /**
       * OpenSLO `calendar.startTime`: the local wall-clock time one period
       * starts at, as `YYYY-MM-DDTHH:mm:ss` without a zone (the zone is
       * `timeZone`).
       */
      startTime?: string;
      timeZone: string;
    };

/**
 * A threshold metric's objective: a value is good when `value op threshold`
 * holds (`lt`: less than, `lte`: at most, `gt`: more than, `gte`: at least).
 *
 * @public
 */
export interface SloThreshold {
  op: 'lt' | 'lte' | 'gt' | 'gte';
  value: number;
}

/**
 * An OpenSLO `AlertCondition` of kind `burnrate`: it holds at an instant
 * when the burn rate over `lookbackWindow` ending then compares to
 * `threshold` by `op`, and it breaches once it has held at every minute of
 * the last `alertAfter`.
 *
 * @public
 */
export interface SloAlertCondition {
  /** `metadata.name` of the condition (inline or referenced). */
  name: string;
  displayName?: string;
  description?: string;
  /**
   * As written, e.g. `page` or `sev2`. `page` (any case) makes the SLO's
   * status `page`; every other severity makes it `ticket`.
   */
  severity: string;
  op: SloThreshold['op'];
  /** A burn rate: 1 spends the budget exactly over the window. */
  threshold: number;
  /** Whole minutes, from `1m` to `3d`, e.g. `1h`. */
  lookbackWindow: string;
  /** Whole minutes, from `0m` to `1h`; `0m` when absent. */
  alertAfter: string;
}

/**
 * An OpenSLO `AlertPolicy` of an SLO, its condition resolved (inline or by
 * `conditionRef`). An SLO with alert policies is judged by them instead of
 * the default page and ticket rules.
 *
 * @public
 */
export interface SloAlertPolicy {
  /** `metadata.name` of the policy (inline or referenced). */
  name: string;
  displayName?: string;
  description?: string;
  /** Alert while the condition breaches; `true` when absent. */
  alertWhenBreaching: boolean;
  /**
   * Kept for other OpenSLO readers: the suite shows state, not
   * notifications, so a resolved condition is an alert that is gone.
   */
  alertWhenResolved: boolean;
  /** Alert while the lookback holds no events; `false` when absent. */
  alertWhenNoData: boolean;
  condition: SloAlertCondition;
  /**
   * Names of the notification targets (`targetRef`, or an inline target's
   * `metadata.name`): shown, not notified; notifying is left to the
   * systems that read the alerts.
   */
  notificationTargets: string[];
}

/**
 * An OpenSLO `DataSource` document that an SLO's metric sources name by
 * `metricSourceRef`. What `connectionDetails` hold is for the SLI provider
 * of its `type` (the Prometheus module reads `server` or `url`).
 *
 * @public
 */
export interface SloDataSource {
  type: string;
  displayName?: string;
  description?: string;
  connectionDetails?: unknown;
}

/**
 * One of several objectives of an SLO.
 *
 * @public
 */
export interface SloObjective {
  displayName?: string;
  /** A fraction in (0, 1). */
  target: number;
}

/** @public */
export type SloCalendarUnit = 'hour' | 'day' | 'week' | 'month' | 'quarter';

/** @public */
export type SloBudgetingMethod =
  | 'Occurrences'
  | 'Timeslices'
  | 'RatioTimeslices';

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
  /**
   * Objective as a fraction in (0, 1): 99.9 % is 0.999. With several
   * {@link SloDefinition.objectives}, the highest of their targets (the
   * one tier minimums are checked against).
   */
  target: number;
  /**
   * OpenSLO's `objectives` when there are more than one, in file order:
   * each target judges the same events and has its own attainment, budget
   * and status (in {@link SloStatusReport.objectives}).
   */
  objectives?: SloObjective[];
  timeWindow: SloTimeWindow;
  budgetingMethod: SloBudgetingMethod;
  /** Timeslices only: the ratio a slice needs to count as good, in (0, 1]. */
  timeSliceTarget?: number;
  /**
   * Timeslices and RatioTimeslices: the slice length, e.g. `1m`; divides
   * one hour.
   */
  timeSliceWindow?: string;
  /**
   * Where events come from (opaque to the math): the `good` and `total`
   * metric sources of a ratio metric, or the one `thresholdMetric` whose
   * values {@link SloDefinition.threshold} judges.
   */
  indicator?: { good?: unknown; total?: unknown; thresholdMetric?: unknown };
  /**
   * A threshold metric's objective (OpenSLO `op` and `value`): every value
   * is one event, good when `value op threshold` holds, e.g. a latency
   * `lt 500`. Absent for ratio metrics, whose events are counted at the
   * source.
   */
  threshold?: SloThreshold;
  /**
   * A positive whole number: a burn-rate alert fires only when the long
   * lookback of its rule holds at least this many events (total events,
   * for both budgeting methods). On a low-traffic service a handful of
   * requests decides the ratio: 2 bad requests out of 3 in an hour burn a
   * 99.9 % budget at 666, far above the 14.4 that pages, although hardly
   * anyone was affected. Without it every burn above the threshold alerts.
   */
  minEvents?: number;
  /**
   * OpenSLO `alertPolicies`, references resolved. When given, they replace
   * the default multi-window burn-rate rules for this SLO.
   */
  alertPolicies?: SloAlertPolicy[];
  /**
   * The `DataSource` documents of the SLO's file that its metric sources
   * name by `metricSourceRef`, by name. A `metricSourceRef` that names none
   * is left to the provider (the Prometheus module reads it as the name of
   * a configured server).
   */
  dataSources?: Record<string, SloDataSource>;
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
 * A burn-rate alert whose burn rates exceed its threshold but that does not
 * fire, because its long lookback holds fewer events than the SLO's
 * {@link SloDefinition.minEvents}.
 *
 * @public
 */
export interface SloSuppressedAlert extends SloAlert {
  /** Total events in the rule's long lookback. */
  events: number;
  /** The SLO's minimum, copied here so a reader needs nothing else. */
  minEvents: number;
}

/**
 * An alert of one of the SLO's own {@link SloAlertPolicy | alert policies}.
 *
 * @public
 */
export interface SloPolicyAlert {
  policy: string;
  condition: string;
  /** The condition's severity, as written. */
  severity: string;
  /** What the alert makes the SLO's status (`page` for severity page). */
  status: 'page' | 'ticket';
  /**
   * `breaching`: the burn rate over the lookback met the condition at
   * every minute of `alertAfter`; `no-data`: the lookback held no events
   * that long, and the policy alerts on missing data.
   */
  reason: 'breaching' | 'no-data';
  op: SloThreshold['op'];
  threshold: number;
  lookbackWindow: string;
  alertAfter: string;
  /** The burn rate over the lookback now; `null` without events. */
  burnRate: number | null;
  /**
   * Set when the alert is held back by {@link SloDefinition.minEvents}
   * (fewer events in the lookback): it does not affect the status.
   */
  suppressed?: { events: number; minEvents: number };
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
  /**
   * Alerts held back by {@link SloDefinition.minEvents} (low traffic); they
   * do not affect `status`. Empty when none, and when the status is
   * `no-data`.
   */
  suppressedAlerts: SloSuppressedAlert[];
  /**
   * Alerts of the SLO's own alert policies, held-back ones included
   * (marked `suppressed`). Empty without alert policies; then `alerts` and
   * `suppressedAlerts` follow the default rules, which policies replace.
   */
  policyAlerts: SloPolicyAlert[];
  status: SloStatusName;
  projectedExhaustion: string | null;
  /**
   * With several objectives, each one's report, in the definition's
   * order; the fields above are the report of the worst of them (by
   * status, the first of equals). Absent with one objective.
   */
  objectives?: SloObjectiveReport[];
}

/**
 * One objective's share of a {@link SloStatusReport}: its budget, burn
 * rates and alerts under its own target.
 *
 * @public
 */
export interface SloObjectiveReport {
  displayName?: string;
  target: number;
  attainment: number | null;
  errorBudget: SloStatusReport['errorBudget'];
  burnRates: SloStatusReport['burnRates'];
  alerts: SloAlert[];
  suppressedAlerts: SloSuppressedAlert[];
  policyAlerts: SloPolicyAlert[];
  status: SloStatusName;
  projectedExhaustion: string | null;
}
