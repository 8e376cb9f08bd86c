import { ActionStatus, IncidentDurations } from '../incidents/Incident';
import { OwnershipGapCode } from '../oncall/ownershipGaps';
import { OWNERSHIP_GAP_CODES } from './Overview';

/**
 * The KPI targets a team is measured against (`reliability.targets`).
 * Defaults from the SRE leadership practice the design cites.
 *
 * @internal
 */
export interface ScorecardTargets {
  /** Share of tier-0/1 entities with at least one SLO. */
  sloCoverage: number;
  /** Share of required postmortems published on time. */
  postmortemsOnTime: number;
  /** Share of actions closed by their due date. */
  actionsClosedOnTime: number;
  /** Open actions older than 60 days, at most. */
  maxActionsOlderThan60Days: number;
  /** Mean time to acknowledge of the most severe incidents, in minutes. */
  mttaMinutes: number;
  /** Share of tier-0 entities with a DR test within the tier's interval. */
  drTested: number;
  /** Share of tier-0/1 entities that are production-ready. */
  readinessCoverage: number;
  /** Entities with an ownership gap, at most. */
  maxEntitiesWithGaps: number;
}

/** @internal */
export const DEFAULT_SCORECARD_TARGETS: ScorecardTargets = {
  sloCoverage: 0.6,
  postmortemsOnTime: 0.9,
  actionsClosedOnTime: 0.8,
  maxActionsOlderThan60Days: 0,
  mttaMinutes: 5,
  drTested: 1,
  readinessCoverage: 0.8,
  maxEntitiesWithGaps: 0,
};

/**
 * Every scorecard KPI, in the order the scorecard shows them.
 *
 * @public
 */
export const SCORECARD_KPI_IDS = [
  'slo-coverage',
  'postmortems-on-time',
  'actions-closed-on-time',
  'actions-older-than-60-days',
  'mtta',
  'dr-tested',
  'readiness-coverage',
  'entities-with-gaps',
] as const;

/** @public */
export type ScorecardKpiId = (typeof SCORECARD_KPI_IDS)[number];

/**
 * One KPI against its target. `met` is null when there is nothing to
 * measure yet (no tier-0 entity, no incident, …): no data is not a pass.
 *
 * @public
 */
export interface ScorecardKpi {
  id: ScorecardKpiId;
  title: string;
  value: number | null;
  unit: 'share' | 'count' | 'minutes';
  target: number;
  direction: 'at-least' | 'at-most';
  met: boolean | null;
  /** For shares: how many of how many. */
  numerator?: number;
  denominator?: number;
}

/** The facts a team's scorecard is computed from, already scoped. @internal */
export interface TeamScorecardInput {
  /** The team's entities (child groups included) as the overview has them. */
  entities: Array<{
    entityRef: string;
    tier: string | null;
    sloCount: number;
    ready: boolean;
    gaps: OwnershipGapCode[];
  }>;
  /** Tier ids counted as critical (by default the two most critical). */
  criticalTiers: string[];
  /** The tier whose entities must be DR-tested (the most critical). */
  drTier: string | null;
  /** Tier-0 entities whose DR test is within the tier's interval. */
  drTestedEntityRefs: string[];
  /** The team's SLOs with their current attainment. */
  slos: Array<{
    tier: string | null;
    target: number;
    attainment: number | null;
  }>;
  /** Incidents of the window on the team's entities. */
  incidents: Array<{
    severity: string;
    durations: IncidentDurations;
    postmortem: { required: boolean; onTime: boolean | null };
  }>;
  /** Actions on the team's entities: open ones, and those closed in the window. */
  actions: Array<{
    status: ActionStatus;
    closedOnTime: boolean | null;
    ageDays: number;
  }>;
  /** Severities, most severe first. */
  severities: string[];
  targets: ScorecardTargets;
}

/** @public */
export interface TeamScorecardFigures {
  entityCount: number;
  kpis: ScorecardKpi[];
  sloAttainmentByTier: Array<{
    tier: string | null;
    slos: number;
    meetingTarget: number;
    share: number | null;
  }>;
  incidentsBySeverity: Array<{
    severity: string;
    incidents: number;
    mttaMinutes: number | null;
    mttrMinutes: number | null;
  }>;
  /** Entities per gap code. */
  gaps: Record<OwnershipGapCode, number>;
}

const MINUTE_MS = 60_000;

function share(
  id: ScorecardKpiId,
  title: string,
  numerator: number,
  denominator: number,
  target: number,
): ScorecardKpi {
  const value = denominator === 0 ? null : numerator / denominator;
  return {
    id,
    title,
    value,
    unit: 'share',
    target,
    direction: 'at-least',
    met: value === null ? null : value >= target,
    numerator,
    denominator,
  };
}

function mean(values: number[]): number | null {
  return values.length === 0
    ? null
    : values.reduce((sum, v) => sum + v, 0) / values.length;
}

/**
 * A team's KPIs against its targets, from facts gathered for the team and
 * its child groups. Pure: the caller scopes the facts to the window.
 *
 * @internal
 */
export function computeTeamScorecard(
  input: TeamScorecardInput,
): TeamScorecardFigures {
  const { entities, targets } = input;
  const critical = entities.filter(
    e => e.tier !== null && input.criticalTiers.includes(e.tier),
  );
  const drEntities = entities.filter(
    e => input.drTier !== null && e.tier === input.drTier,
  );
  const requiredPostmortems = input.incidents.filter(
    i => i.postmortem.required && i.postmortem.onTime !== null,
  );
  const closed = input.actions.filter(a => a.closedOnTime !== null);
  const open = input.actions.filter(
    a => a.status === 'open' || a.status === 'in-progress',
  );
  const mostSevere = input.severities[0];
  const incidentsBySeverity = input.severities.map(severity => {
    const of = input.incidents.filter(i => i.severity === severity);
    const minutes = (pick: (d: IncidentDurations) => number | null) =>
      mean(
        of
          .map(i => pick(i.durations))
          .filter((v): v is number => v !== null)
          .map(v => v / MINUTE_MS),
      );
    return {
      severity,
      incidents: of.length,
      mttaMinutes: minutes(d => d.timeToAcknowledgeMs),
      mttrMinutes: minutes(d => d.timeToResolveMs),
    };
  });
  const mtta = incidentsBySeverity.find(s => s.severity === mostSevere);
  const withGaps = entities.filter(e => e.gaps.length > 0).length;
  const olderThan60 = open.filter(a => a.ageDays > 60).length;
  const drTested = new Set(input.drTestedEntityRefs);

  const kpis: ScorecardKpi[] = [
    share(
      'slo-coverage',
      'Tier-0/1 with an SLO',
      critical.filter(e => e.sloCount > 0).length,
      critical.length,
      targets.sloCoverage,
    ),
    share(
      'postmortems-on-time',
      'Postmortems on time',
      requiredPostmortems.filter(i => i.postmortem.onTime).length,
      requiredPostmortems.length,
      targets.postmortemsOnTime,
    ),
    share(
      'actions-closed-on-time',
      'Actions closed on time',
      closed.filter(a => a.closedOnTime).length,
      closed.length,
      targets.actionsClosedOnTime,
    ),
    {
      id: 'actions-older-than-60-days',
      title: 'Open actions older than 60 days',
      value: olderThan60,
      unit: 'count',
      target: targets.maxActionsOlderThan60Days,
      direction: 'at-most',
      met: olderThan60 <= targets.maxActionsOlderThan60Days,
    },
    {
      id: 'mtta',
      title: `MTTA ${mostSevere ?? ''}`.trim(),
      value: mtta?.mttaMinutes ?? null,
      unit: 'minutes',
      target: targets.mttaMinutes,
      direction: 'at-most',
      met:
        mtta?.mttaMinutes === null || mtta === undefined
          ? null
          : mtta.mttaMinutes <= targets.mttaMinutes,
    },
    share(
      'dr-tested',
      'Tier-0 DR-tested in interval',
      drEntities.filter(e => drTested.has(e.entityRef)).length,
      drEntities.length,
      targets.drTested,
    ),
    share(
      'readiness-coverage',
      'Tier-0/1 production-ready',
      critical.filter(e => e.ready).length,
      critical.length,
      targets.readinessCoverage,
    ),
    {
      id: 'entities-with-gaps',
      title: 'Entities with ownership gaps',
      value: withGaps,
      unit: 'count',
      target: targets.maxEntitiesWithGaps,
      direction: 'at-most',
      met: withGaps <= targets.maxEntitiesWithGaps,
    },
  ];

  // Tier ids sort in policy order (tier-0 first); untiered last.
  const tiers = [...new Set(input.slos.map(s => s.tier))].sort((a, b) => {
    if (a === null) return 1;
    if (b === null) return -1;
    return a.localeCompare(b);
  });
  const sloAttainmentByTier = tiers.map(tier => {
    const slos = input.slos.filter(s => s.tier === tier);
    const measured = slos.filter(s => s.attainment !== null);
    const meetingTarget = measured.filter(
      s => (s.attainment as number) >= s.target,
    ).length;
    return {
      tier,
      slos: slos.length,
      meetingTarget,
      share: measured.length === 0 ? null : meetingTarget / measured.length,
    };
  });

  const gaps = Object.fromEntries(
    OWNERSHIP_GAP_CODES.map(code => [
      code,
      entities.filter(e => e.gaps.includes(code)).length,
    ]),
  ) as Record<OwnershipGapCode, number>;

  return {
    entityCount: entities.length,
    kpis,
    sloAttainmentByTier,
    incidentsBySeverity,
    gaps,
  };
}

/**
 * `GET /v1/teams/{namespace}/{name}/scorecard`.
 *
 * @public
 */
export interface TeamScorecardResponse extends TeamScorecardFigures {
  team: string;
  /** The team and its child groups at any depth. */
  groups: string[];
  /** Incidents and closed actions count over this many days. */
  windowDays: number;
  computedAt: string;
}

/**
 * `GET /v1/teams/{namespace}/{name}/trends?days=`: one point per day with
 * a snapshot, oldest first.
 *
 * @public
 */
export interface TeamTrendsResponse {
  team: string;
  days: number;
  points: Array<{
    day: string;
    values: Partial<Record<ScorecardKpiId, number | null>>;
  }>;
}
