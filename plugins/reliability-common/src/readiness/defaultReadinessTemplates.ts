import { ReadinessItem } from './Readiness';

const item = (
  id: string,
  title: string,
  category: string,
  description: string,
  source:
    | { rule: string; options?: Record<string, unknown> }
    | { validFor: string },
): Omit<ReadinessItem, 'level'> => ({
  id,
  title,
  category,
  description,
  ...('rule' in source
    ? {
        rule: {
          id: source.rule,
          ...(source.options ? { options: source.options } : {}),
        },
      }
    : { attestationValidFor: source.validFor }),
});

const ITEMS = {
  owner: item(
    'owner',
    'Has an owner in the catalog',
    'Ownership',
    'spec.owner names a Group that exists.',
    { rule: 'owner-exists' },
  ),
  tier: item(
    'tier',
    'Has a tier',
    'Ownership',
    'The reliability/tier annotation names a tier of the policy.',
    { rule: 'has-tier' },
  ),
  oncallEscalation: item(
    'oncall',
    'On-call with escalation',
    'Ownership',
    'A rotation with at least two people and a second escalation level.',
    {
      rule: 'oncall-min-people',
      options: { min: 2, levels: 2 },
    },
  ),
  oncall: item(
    'oncall',
    'On-call rotation',
    'Ownership',
    'A rotation with at least two people.',
    { rule: 'oncall-min-people', options: { min: 2 } },
  ),
  slo: item(
    'slo',
    'SLO meeting the tier minimum',
    'Observability',
    'At least one SLO whose target meets the tier minimum.',
    { rule: 'slo-meets-tier-minimum' },
  ),
  dashboard: item(
    'dashboard',
    'Dashboard linked',
    'Observability',
    'A metadata.links entry of type dashboard.',
    { rule: 'dashboard-link' },
  ),
  alerts: item(
    'alerts',
    'Alerts link runbooks',
    'Observability',
    'Every paging alert links the runbook section that handles it.',
    { validFor: 'P180D' },
  ),
  runbook: item(
    'runbook',
    'Runbook linked',
    'Operations',
    'A metadata.links entry of type runbook.',
    { rule: 'runbook-link' },
  ),
  rollback: item(
    'rollback',
    'Rollback plan',
    'Operations',
    'A tested way back from a bad deploy, written down.',
    { validFor: 'P180D' },
  ),
  capacity: item(
    'capacity',
    'Capacity sign-off or load test',
    'Capacity',
    'Load tested at the expected peak, or capacity signed off.',
    { validFor: 'P180D' },
  ),
  drPlan: item(
    'dr-plan',
    'DR plan with RTO and RPO',
    'Resilience',
    'A disaster-recovery plan stating RTO and RPO.',
    { validFor: 'P365D' },
  ),
  drTest: item(
    'dr-test',
    'DR test within the tier interval',
    'Resilience',
    'The last disaster-recovery test is within the tier interval.',
    { rule: 'dr-test-within-interval' },
  ),
  security: item(
    'security',
    'Security review',
    'Security',
    'A security review of the current design.',
    { validFor: 'P365D' },
  ),
  actions: item(
    'actions',
    'No overdue P0/P1 corrective actions',
    'Learning',
    'No corrective action of priority P1 or higher is overdue.',
    {
      rule: 'no-overdue-actions',
      options: { priority: 'P1' },
    },
  ),
  postmortems: item(
    'postmortems',
    'Postmortems on time',
    'Learning',
    'No postmortem is past its due date unpublished.',
    { rule: 'postmortems-on-time' },
  ),
  budget: item(
    'budget',
    'Error budget not exhausted',
    'Observability',
    'No SLO has spent its error budget.',
    { rule: 'budget-not-exhausted' },
  ),
};

const required = (i: Omit<ReadinessItem, 'level'>): ReadinessItem => ({
  ...i,
  level: 'required',
});
const recommended = (i: Omit<ReadinessItem, 'level'>): ReadinessItem => ({
  ...i,
  level: 'recommended',
});

/**
 * Default production-readiness templates by tier id: tier-0 strictest,
 * tier-3 lightest, drawn from the SRE practice the suite follows.
 *
 * @internal
 */
export const defaultReadinessTemplates: Readonly<
  Record<string, readonly ReadinessItem[]>
> = {
  'tier-0': [
    required(ITEMS.owner),
    required(ITEMS.tier),
    required(ITEMS.oncallEscalation),
    required(ITEMS.slo),
    required(ITEMS.dashboard),
    required(ITEMS.alerts),
    required(ITEMS.runbook),
    required(ITEMS.rollback),
    required(ITEMS.capacity),
    required(ITEMS.drPlan),
    required(ITEMS.drTest),
    required(ITEMS.security),
    required(ITEMS.actions),
    required(ITEMS.postmortems),
    recommended(ITEMS.budget),
  ],
  'tier-1': [
    required(ITEMS.owner),
    required(ITEMS.tier),
    required(ITEMS.oncall),
    required(ITEMS.slo),
    required(ITEMS.dashboard),
    required(ITEMS.runbook),
    required(ITEMS.rollback),
    recommended(ITEMS.alerts),
    recommended(ITEMS.capacity),
    recommended(ITEMS.drPlan),
    required(ITEMS.security),
    required(ITEMS.actions),
    recommended(ITEMS.postmortems),
  ],
  'tier-2': [
    required(ITEMS.owner),
    required(ITEMS.tier),
    required(ITEMS.oncall),
    recommended(ITEMS.slo),
    recommended(ITEMS.dashboard),
    recommended(ITEMS.runbook),
    recommended(ITEMS.rollback),
    recommended(ITEMS.security),
  ],
  'tier-3': [
    required(ITEMS.owner),
    required(ITEMS.tier),
    recommended(ITEMS.runbook),
  ],
};
