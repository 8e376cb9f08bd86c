import { builtInReadinessRules } from './builtInReadinessRules';
import { evaluateReadiness } from './evaluateReadiness';
import { Attestation, ReadinessFacts, ReadinessItem } from './Readiness';

const at = Date.parse('2026-11-23T12:00:00Z');

const good: ReadinessFacts = {
  owner: 'group:default/payments',
  ownerExists: true,
  tier: { id: 'tier-0', minimumSloTarget: 0.999, drTestInterval: 'P12M' },
  slos: [{ target: 0.999, status: 'healthy' }],
  oncallPeople: 2,
  oncallLevels: 2,
  links: { runbook: true, dashboard: true },
  overdueActionPriorities: [],
  latePostmortems: 0,
  drTestAt: '2026-03-01T00:00:00Z',
};

describe('builtInReadinessRules', () => {
  const run = (
    id: string,
    facts: Partial<ReadinessFacts>,
    options: Record<string, unknown> = {},
  ) => builtInReadinessRules[id]({ ...good, ...facts }, options, at);

  it.each([
    ['has-owner', {}, {}, true],
    ['has-owner', { owner: null }, {}, false],
    ['owner-exists', { ownerExists: false }, {}, false],
    ['owner-exists', { owner: null }, {}, false],
    ['has-tier', { tier: null }, {}, false],
    ['slo-meets-tier-minimum', {}, {}, true],
    [
      'slo-meets-tier-minimum',
      { slos: [{ target: 0.995, status: 'healthy' }] },
      {},
      false,
    ],
    ['slo-meets-tier-minimum', { slos: [] }, {}, false],
    ['slo-meets-tier-minimum', { tier: null }, {}, null],
    ['oncall-min-people', {}, { min: 2, levels: 2 }, true],
    ['oncall-min-people', { oncallPeople: 1 }, { min: 2 }, false],
    ['oncall-min-people', { oncallLevels: 1 }, { min: 2, levels: 2 }, false],
    ['oncall-min-people', { oncallPeople: 0 }, {}, false],
    ['runbook-link', { links: { runbook: false, dashboard: true } }, {}, false],
    [
      'dashboard-link',
      { links: { runbook: true, dashboard: false } },
      {},
      false,
    ],
    [
      'no-overdue-actions',
      { overdueActionPriorities: ['P2', 'P3'] },
      { priority: 'P1' },
      true,
    ],
    [
      'no-overdue-actions',
      { overdueActionPriorities: ['P2', 'P0'] },
      { priority: 'P1' },
      false,
    ],
    ['postmortems-on-time', { latePostmortems: 1 }, {}, false],
    [
      'budget-not-exhausted',
      { slos: [{ target: 0.999, status: 'exhausted' }] },
      {},
      false,
    ],
    ['dr-test-within-interval', {}, {}, true],
    // 12 months after 2025-11-01 has passed by 2026-11-23.
    [
      'dr-test-within-interval',
      { drTestAt: '2025-11-01T00:00:00Z' },
      {},
      false,
    ],
    ['dr-test-within-interval', { drTestAt: null }, {}, false],
    [
      'dr-test-within-interval',
      {
        tier: { id: 'tier-2', minimumSloTarget: 0.99, drTestInterval: null },
        drTestAt: null,
      },
      {},
      true,
    ],
  ])('%s with %j (%j) is %s', (id, facts, options, pass) => {
    expect(run(id, facts as Partial<ReadinessFacts>, options).pass).toBe(pass);
  });
});

describe('evaluateReadiness', () => {
  const template: ReadinessItem[] = [
    {
      id: 'owner',
      title: 'Owner',
      description: '',
      category: 'Ownership',
      level: 'required',
      rule: { id: 'has-owner' },
    },
    {
      id: 'runbook',
      title: 'Runbook',
      description: '',
      category: 'Operations',
      level: 'required',
      rule: { id: 'runbook-link' },
    },
    {
      id: 'rollback',
      title: 'Rollback plan',
      description: '',
      category: 'Operations',
      level: 'required',
      attestationValidFor: 'P180D',
    },
    {
      id: 'security',
      title: 'Security review',
      description: '',
      category: 'Security',
      level: 'required',
      attestationValidFor: 'P365D',
    },
    {
      id: 'load-test',
      title: 'Load test',
      description: '',
      category: 'Capacity',
      level: 'recommended',
      attestationValidFor: 'P90D',
    },
    {
      id: 'custom',
      title: 'Custom rule',
      description: '',
      category: 'Other',
      level: 'recommended',
      rule: { id: 'not-registered' },
    },
  ];
  const attestation = (
    itemId: string,
    attestedAt: string,
    expiresAt: string,
  ): Attestation => ({
    id: itemId,
    itemId,
    evidenceUrl: `https://docs.acme.example/${itemId}`,
    note: null,
    attestedBy: 'user:default/ana',
    attestedAt,
    expiresAt,
  });

  it('mixes automatic, attested, expired, waived and unknown items into a verdict', () => {
    const result = evaluateReadiness({
      template,
      facts: { ...good, links: { runbook: false, dashboard: true } },
      attestations: [
        attestation('rollback', '2026-10-01T00:00:00Z', '2027-03-30T00:00:00Z'),
        attestation('security', '2025-10-01T00:00:00Z', '2026-10-01T00:00:00Z'),
      ],
      waivers: [
        {
          id: 'w1',
          itemId: 'runbook',
          reason: 'Runbook in review',
          approvedBy: 'user:default/gita',
          expiresAt: '2026-12-01T00:00:00Z',
        },
        {
          id: 'w2',
          itemId: 'load-test',
          reason: 'Old waiver',
          approvedBy: 'user:default/gita',
          expiresAt: '2026-11-01T00:00:00Z',
        },
      ],
      rules: builtInReadinessRules,
      at,
    });
    expect(result.items.map(i => [i.id, i.status])).toEqual([
      ['owner', 'pass'],
      ['runbook', 'waived'],
      ['rollback', 'attested'],
      ['security', 'expired'],
      ['load-test', 'fail'], // its waiver expired
      ['custom', 'unknown'],
    ]);
    expect(result.items[3].reason).toBe(
      'Attestation by user:default/ana expired 2026-10-01',
    );
    // 3 of 6 count as done; the expired security review blocks readiness.
    expect(result.score).toBeCloseTo(0.5, 12);
    expect(result.ready).toBe(false);
  });

  it('is ready when every required item passes, is attested or waived', () => {
    const result = evaluateReadiness({
      template,
      facts: good,
      attestations: [
        attestation('rollback', '2026-10-01T00:00:00Z', '2027-03-30T00:00:00Z'),
        // The latest attestation wins.
        attestation('security', '2025-10-01T00:00:00Z', '2026-10-01T00:00:00Z'),
        {
          ...attestation(
            'security',
            '2026-11-01T00:00:00Z',
            '2027-11-01T00:00:00Z',
          ),
          id: 's2',
        },
      ],
      waivers: [],
      rules: builtInReadinessRules,
      at,
    });
    expect(result.ready).toBe(true);
    expect(result.items.find(i => i.id === 'security')?.attestation?.id).toBe(
      's2',
    );
    expect(result.score).toBeCloseTo(4 / 6, 12);
  });

  it('scores an empty template as ready', () => {
    expect(
      evaluateReadiness({
        template: [],
        facts: good,
        attestations: [],
        waivers: [],
        rules: {},
        at,
      }),
    ).toEqual({
      items: [],
      score: 1,
      ready: true,
    });
  });
});
