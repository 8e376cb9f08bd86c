import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { Duration } from 'luxon';
import { ScorecardTargets } from '@reliability-suite/plugin-reliability-common';
import {
  IncidentConfig,
  readIncidentConfig,
} from '../incidents/IncidentService';
import { DEFAULT_PLANNING_HORIZON } from '../request/DateRules';
import { readScorecardTargets } from '../teams/readScorecardTargets';

/** The plugin's scheduled tasks, by the id they are scheduled under. */
export type ReliabilityTaskId =
  | 'reliability-catalog-sync'
  | 'reliability-summary-repair'
  | 'reliability-team-snapshots'
  | 'reliability-slo-status'
  | 'reliability-sli-rollup'
  | 'reliability-sli-pull';

/**
 * Everything the plugin reads from `reliability.*` (the tier policy aside:
 * the tier policy service owns it), read once at start-up so that a bad
 * value stops the backend with a message that names its key.
 *
 * @internal
 */
export interface ReliabilityConfig {
  incidents: IncidentConfig;
  scorecardTargets: ScorecardTargets;
  /** Owner names that mean "nobody" (`reliability.ownership.placeholderOwners`). */
  placeholderOwners: string[];
  /** `reliability.slos.atRiskShare`: the budget share below which an SLO is at risk. */
  atRiskShare?: number;
  /** `reliability.slos.historyMargin`: history older than an SLO's window it accepts, in ms. */
  historyMarginMs: number;
  readiness: {
    /** `reliability.readiness.maxWaiver`, an ISO duration. */
    maxWaiver?: string;
    /** `reliability.readiness.reviewMaxAge`, an ISO duration. */
    reviewMaxAge?: string;
  };
  schedules: Record<ReliabilityTaskId, SchedulerServiceTaskScheduleDefinition>;
  /** `reliability.planningHorizon`: how far ahead planned dates may lie. */
  planningHorizon: Duration;
}

const DEFAULT_PLACEHOLDER_OWNERS = [
  'none',
  'unknown',
  'unowned',
  'nobody',
  'tbd',
];

/** Each task: its schedule's config key and its default. */
const SCHEDULES: Record<
  ReliabilityTaskId,
  { key: string; defaults: SchedulerServiceTaskScheduleDefinition }
> = {
  'reliability-catalog-sync': {
    key: 'reliability.catalogSync.schedule',
    defaults: {
      frequency: { minutes: 5 },
      timeout: { minutes: 10 },
      initialDelay: { seconds: 15 },
    },
  },
  // The repair of drift: catalog edits, time passing (hand-offs, due
  // dates, expiries) and anything a crash left behind.
  'reliability-summary-repair': {
    key: 'reliability.overview.repairSchedule',
    defaults: {
      frequency: { minutes: 10 },
      timeout: { minutes: 30 },
      initialDelay: { seconds: 20 },
    },
  },
  'reliability-team-snapshots': {
    key: 'reliability.overview.snapshotSchedule',
    defaults: {
      frequency: { hours: 6 },
      timeout: { minutes: 30 },
      initialDelay: { seconds: 90 },
    },
  },
  'reliability-slo-status': {
    key: 'reliability.slos.statusSchedule',
    defaults: {
      frequency: { minutes: 1 },
      timeout: { minutes: 5 },
      initialDelay: { seconds: 30 },
    },
  },
  'reliability-sli-rollup': {
    key: 'reliability.slos.rollupSchedule',
    defaults: {
      frequency: { hours: 1 },
      timeout: { minutes: 30 },
      initialDelay: { minutes: 2 },
    },
  },
  // Only scheduled when a module adds an SLI provider.
  'reliability-sli-pull': {
    key: 'reliability.slos.pullSchedule',
    defaults: {
      frequency: { minutes: 1 },
      timeout: { minutes: 10 },
      initialDelay: { seconds: 20 },
    },
  },
};

/**
 * Reads and validates the plugin's configuration.
 *
 * @internal
 */
export function readReliabilityConfig(config: Config): ReliabilityConfig {
  const schedules = Object.fromEntries(
    Object.entries(SCHEDULES).map(([id, { key, defaults }]) => {
      const configured = config.getOptionalConfig(key);
      return [
        id,
        configured
          ? readSchedulerServiceTaskScheduleDefinitionFromConfig(configured)
          : defaults,
      ];
    }),
  ) as ReliabilityConfig['schedules'];
  return {
    incidents: readIncidentConfig(config),
    scorecardTargets: readScorecardTargets(config),
    placeholderOwners:
      config.getOptionalStringArray(
        'reliability.ownership.placeholderOwners',
      ) ?? DEFAULT_PLACEHOLDER_OWNERS,
    atRiskShare: config.getOptionalNumber('reliability.slos.atRiskShare'),
    historyMarginMs: readHistoryMargin(config),
    readiness: {
      maxWaiver: config.getOptionalString('reliability.readiness.maxWaiver'),
      reviewMaxAge: config.getOptionalString(
        'reliability.readiness.reviewMaxAge',
      ),
    },
    schedules,
    planningHorizon: readPlanningHorizon(config),
  };
}

/** `reliability.planningHorizon`: an ISO duration from a month to ten years. */
function readPlanningHorizon(config: Config): Duration {
  const value = config.getOptionalString('reliability.planningHorizon');
  if (value === undefined) return DEFAULT_PLANNING_HORIZON;
  const horizon = Duration.fromISO(value);
  const days = horizon.isValid ? horizon.as('days') : NaN;
  if (!(days >= 28 && days <= 3653)) {
    throw new InputError(
      `Invalid config 'reliability.planningHorizon': '${value}' must be an ISO 8601 duration from P1M to P10Y, e.g. P2Y`,
    );
  }
  return horizon;
}

/** `reliability.slos.historyMargin`: an ISO duration from none to 30 days. */
function readHistoryMargin(config: Config): number {
  const value = config.getOptionalString('reliability.slos.historyMargin');
  if (value === undefined) return 24 * 3_600_000;
  const margin = Duration.fromISO(value);
  const ms = margin.isValid ? margin.as('milliseconds') : NaN;
  if (!(ms >= 0 && ms <= 30 * 24 * 3_600_000)) {
    throw new InputError(
      `Invalid config 'reliability.slos.historyMargin': '${value}' must be an ISO 8601 duration from PT0S to P30D, e.g. P1D`,
    );
  }
  return ms;
}
