import {
  computeTeamScorecard,
  DEFAULT_SCORECARD_TARGETS,
  TeamScorecardInput,
} from './teamScorecard';

const MIN = 60_000;
const durations = (ackMin: number | null, resolveMin: number | null) => ({
  timeToAcknowledgeMs: ackMin === null ? null : ackMin * MIN,
  timeToMitigateMs: null,
  timeToResolveMs: resolveMin === null ? null : resolveMin * MIN,
});

const base: TeamScorecardInput = {
  entities: [],
  criticalTiers: ['tier-0', 'tier-1'],
  drTier: 'tier-0',
  drTestedEntityRefs: [],
  slos: [],
  incidents: [],
  actions: [],
  severities: ['SEV0', 'SEV1', 'SEV2', 'SEV3'],
  targets: DEFAULT_SCORECARD_TARGETS,
};

const kpi = (figures: ReturnType<typeof computeTeamScorecard>, id: string) =>
  figures.kpis.find(k => k.id === id)!;

describe('computeTeamScorecard', () => {
  const figures = computeTeamScorecard({
    ...base,
    entities: [
      // Tier-0 with SLO, ready, DR-tested.
      { entityRef: 'a', tier: 'tier-0', sloCount: 2, ready: true, gaps: [] },
      // Tier-0 without SLO, not ready, not DR-tested, two gaps.
      {
        entityRef: 'b',
        tier: 'tier-0',
        sloCount: 0,
        ready: false,
        gaps: ['slo-required', 'no-rotation'],
      },
      // Tier-1 with SLO, not ready.
      { entityRef: 'c', tier: 'tier-1', sloCount: 1, ready: false, gaps: [] },
      // Tier-2 and untiered entities do not count for coverage.
      { entityRef: 'd', tier: 'tier-2', sloCount: 0, ready: true, gaps: [] },
      {
        entityRef: 'e',
        tier: null,
        sloCount: 0,
        ready: false,
        gaps: ['no-tier'],
      },
    ],
    drTestedEntityRefs: ['a', 'd'],
    slos: [
      { tier: 'tier-0', target: 0.999, attainment: 0.9995 },
      { tier: 'tier-0', target: 0.999, attainment: 0.998 },
      { tier: 'tier-1', target: 0.995, attainment: null },
    ],
    incidents: [
      {
        severity: 'SEV0',
        durations: durations(3, 60),
        postmortem: { required: true, onTime: true },
      },
      {
        severity: 'SEV0',
        durations: durations(9, 120),
        postmortem: { required: true, onTime: false },
      },
      // Not yet due: not counted either way.
      {
        severity: 'SEV1',
        durations: durations(null, null),
        postmortem: { required: true, onTime: null },
      },
      {
        severity: 'SEV3',
        durations: durations(30, 240),
        postmortem: { required: false, onTime: null },
      },
    ],
    actions: [
      { status: 'done', closedOnTime: true, ageDays: 10 },
      { status: 'done', closedOnTime: false, ageDays: 40 },
      { status: 'wont-do', closedOnTime: true, ageDays: 5 },
      { status: 'open', closedOnTime: null, ageDays: 61 },
      { status: 'in-progress', closedOnTime: null, ageDays: 60 },
    ],
  });

  it('counts SLO coverage and readiness over tier-0/1 only', () => {
    // a and c of a, b, c have SLOs; only a is ready.
    expect(kpi(figures, 'slo-coverage')).toMatchObject({
      numerator: 2,
      denominator: 3,
      met: true,
    });
    expect(kpi(figures, 'slo-coverage').value).toBeCloseTo(2 / 3, 12);
    expect(kpi(figures, 'readiness-coverage')).toMatchObject({
      numerator: 1,
      denominator: 3,
      met: false,
    });
  });

  it('counts postmortems that are due, and actions closed', () => {
    expect(kpi(figures, 'postmortems-on-time')).toMatchObject({
      value: 0.5,
      numerator: 1,
      denominator: 2,
      met: false,
    });
    // done on time, done late, wont-do on time: 2 of 3 < 80 %.
    expect(kpi(figures, 'actions-closed-on-time')).toMatchObject({
      numerator: 2,
      denominator: 3,
      met: false,
    });
    // 61 days is older than 60; exactly 60 is not.
    expect(kpi(figures, 'actions-older-than-60-days')).toMatchObject({
      value: 1,
      target: 0,
      met: false,
    });
  });

  it('averages acknowledgement and resolution per severity', () => {
    // SEV0: (3 + 9) / 2 = 6 minutes > 5.
    expect(kpi(figures, 'mtta')).toMatchObject({
      title: 'MTTA SEV0',
      value: 6,
      met: false,
    });
    expect(figures.incidentsBySeverity).toEqual([
      { severity: 'SEV0', incidents: 2, mttaMinutes: 6, mttrMinutes: 90 },
      { severity: 'SEV1', incidents: 1, mttaMinutes: null, mttrMinutes: null },
      { severity: 'SEV2', incidents: 0, mttaMinutes: null, mttrMinutes: null },
      { severity: 'SEV3', incidents: 1, mttaMinutes: 30, mttrMinutes: 240 },
    ]);
  });

  it('counts DR tests of tier-0 entities only, SLO attainment per tier and gaps', () => {
    // a of a, b; d is DR-tested but tier-2.
    expect(kpi(figures, 'dr-tested')).toMatchObject({
      value: 0.5,
      numerator: 1,
      denominator: 2,
    });
    expect(figures.sloAttainmentByTier).toEqual([
      { tier: 'tier-0', slos: 2, meetingTarget: 1, share: 0.5 },
      { tier: 'tier-1', slos: 1, meetingTarget: 0, share: null },
    ]);
    expect(kpi(figures, 'entities-with-gaps')).toMatchObject({
      value: 2,
      met: false,
    });
    expect(figures.gaps).toMatchObject({
      'slo-required': 1,
      'no-rotation': 1,
      'no-tier': 1,
      'no-owner': 0,
    });
    expect(figures.entityCount).toBe(5);
  });

  it('has no verdict where there is nothing to measure: an empty team', () => {
    const empty = computeTeamScorecard(base);
    expect(empty.entityCount).toBe(0);
    expect(empty.kpis.map(k => [k.id, k.value, k.met])).toEqual([
      ['slo-coverage', null, null],
      ['postmortems-on-time', null, null],
      ['actions-closed-on-time', null, null],
      ['actions-older-than-60-days', 0, true],
      ['mtta', null, null],
      ['dr-tested', null, null],
      ['readiness-coverage', null, null],
      ['entities-with-gaps', 0, true],
    ]);
  });
});
