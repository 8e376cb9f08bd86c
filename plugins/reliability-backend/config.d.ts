import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /** Configuration of the Reliability Suite. */
  reliability?: {
    /**
     * How far ahead dates people plan may lie: action due dates, on-call
     * overrides and review launch dates. An ISO 8601 duration from P1M to
     * P10Y; default P2Y. Further dates are refused with a 400.
     */
    planningHorizon?: string;
    /**
     * The criticality tiers, most critical first. Entities pick one with the
     * annotation `reliability/tier`. Absent: tier-0 … tier-3 defaults.
     * A malformed policy stops the backend at start-up, naming the key.
     */
    tiers?: Array<{
      /** Lower-case id used in the annotation, e.g. `tier-0`. */
      id: string;
      /** Display title, e.g. `Tier 0 (critical)`. */
      title: string;
      /** What kind of service belongs in this tier. */
      description?: string;
      /** Lowest acceptable SLO target as a fraction in (0, 1): 99.9 % is 0.999. */
      minimumSloTarget?: number | null;
      /** Whether entities in this tier must have at least one SLO. */
      sloRequired?: boolean;
      /** Whether entities in this tier must have an on-call rotation. */
      oncallRequired?: boolean;
      /** Whether entities in this tier must link a runbook (`metadata.links` type `runbook`). */
      runbookRequired?: boolean;
      /** Which incidents need a postmortem, and by when. */
      postmortem?: {
        /** Severity ids that need a postmortem, e.g. [SEV0, SEV1]. */
        severities: string[];
        /** Business days after resolution by which the postmortem is due. */
        dueBusinessDays: number;
      } | null;
      /** ISO-8601 duration between disaster-recovery tests, e.g. `P12M`. */
      drTestInterval?: string | null;
      /** What happens when an SLO's error budget is spent. */
      errorBudgetPolicy?: {
        /** `freeze` closes the deploy gate; `alert` only tells the owners. */
        onExhaustion: 'freeze' | 'alert' | 'none';
        /** Text shown next to the deploy gate. */
        description?: string;
      };
    }>;
    /**
     * Scheduled catalog sync: records each entity's tier and since when, and
     * reads the OpenSLO files named by `reliability/slos` annotations.
     */
    catalogSync?: {
      /** Default: every 5 minutes, 15 seconds after start-up. */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
    /**
     * The group whose members approve budget exceptions (and, later,
     * readiness reviews), for permission policies that read it.
     * Default `group:default/sre`.
     */
    approverGroup?: string;
    /**
     * Incident severities, most severe first; tier postmortem rules name
     * them. Default SEV0, SEV1, SEV2, SEV3 (P0…P3 work too).
     */
    severities?: string[];
    /** The organisation's IANA time zone for business days and due dates. Default UTC. */
    timeZone?: string;
    /** Local dates (YYYY-MM-DD) that are not business days. */
    holidays?: string[];
    /** Production readiness. */
    overview?: {
      /**
       * The full recomputation of the overview's per-entity summaries,
       * which catches catalog edits and the passing of time (hand-offs,
       * due dates, expiries). Writes through the API update their rows at
       * once. Default: every 10 minutes, 20 seconds after start-up.
       */
      repairSchedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /**
       * The daily KPI snapshots of every team, for the scorecard's trends
       * (a later run on the same day replaces that day's values).
       * Default: every 6 hours, 90 seconds after start-up.
       */
      snapshotSchedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
    /** KPI targets of the team scorecards. */
    targets?: {
      /** Share of tier-0/1 entities with an SLO. Default 0.6. */
      sloCoverage?: number;
      /** Share of required postmortems published on time. Default 0.9. */
      postmortemsOnTime?: number;
      /** Share of actions closed by their due date. Default 0.8. */
      actionsClosedOnTime?: number;
      /** Open actions older than 60 days, at most. Default 0. */
      maxActionsOlderThan60Days?: number;
      /** MTTA of the most severe incidents, in minutes, at most. Default 5. */
      mttaMinutes?: number;
      /** Share of tier-0 entities DR-tested within the interval. Default 1. */
      drTested?: number;
      /** Share of tier-0/1 entities production-ready. Default 0.8. */
      readinessCoverage?: number;
      /** Entities with an ownership gap, at most. Default 0. */
      maxEntitiesWithGaps?: number;
    };
    readiness?: {
      /** Longest waiver (ISO-8601 duration). Default P90D. */
      maxWaiver?: string;
      /** Age after which an approved review lapses. Default P180D. */
      reviewMaxAge?: string;
    };
    /** How ownership is read from the catalog. */
    ownership?: {
      /**
       * `spec.owner` names that mean "nobody" (the catalog requires an
       * owner, so teams write placeholders). Default none, unknown,
       * unowned, nobody, tbd.
       */
      placeholderOwners?: string[];
    };
    /** SLO computation. */
    slos?: {
      /** Remaining budget share below which a healthy SLO is at-risk. Default 0.25. */
      atRiskShare?: number;
      /** Recompute of every SLO's status. Default: every minute. */
      statusSchedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /** Rollup of minute buckets into hours and days. Default: hourly. */
      rollupSchedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /**
       * Pull of SLI counts from providers modules add (Prometheus, …), only
       * scheduled when one is installed. Default: every minute.
       */
      pullSchedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /**
       * How much further back than its window (at least 30 days) an SLO
       * accepts history, as an ISO 8601 duration from PT0S to P30D.
       * Default P1D.
       */
      historyMargin?: string;
    };
  };
}
