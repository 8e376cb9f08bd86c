import { TierPolicy } from './TierPolicy';

/**
 * The tier policy used when `reliability.tiers` is not configured.
 *
 * Figures follow the SRE leadership blueprint the suite is drawn from:
 * tier-0 SLOs at 99.9 % or better, tier-1 at 99.5 %; P0/P1 (SEV0/SEV1)
 * postmortems within 5 business days; tier-0 DR-tested every 12 months.
 *
 * @public
 */
export const defaultTierPolicies: readonly TierPolicy[] = Object.freeze([
  {
    id: 'tier-0',
    title: 'Tier 0 (critical)',
    description:
      'Customer-facing or revenue-critical: an outage is a company-wide incident.',
    requirements: {
      minimumSloTarget: 0.999,
      sloRequired: true,
      oncallRequired: true,
      runbookRequired: true,
      postmortem: { severities: ['SEV0', 'SEV1', 'SEV2'], dueBusinessDays: 5 },
      drTestInterval: 'P12M',
      errorBudgetPolicy: {
        onExhaustion: 'freeze',
        description:
          'Feature deploys stop until the budget recovers; reliability fixes ship with an approved exception.',
      },
    },
  },
  {
    id: 'tier-1',
    title: 'Tier 1 (important)',
    description:
      'Important to customers or many teams: degradation is noticed quickly.',
    requirements: {
      minimumSloTarget: 0.995,
      sloRequired: true,
      oncallRequired: true,
      runbookRequired: true,
      postmortem: { severities: ['SEV0', 'SEV1'], dueBusinessDays: 5 },
      drTestInterval: null,
      errorBudgetPolicy: {
        onExhaustion: 'freeze',
        description: 'Feature deploys stop until the budget recovers.',
      },
    },
  },
  {
    id: 'tier-2',
    title: 'Tier 2 (standard)',
    description: 'Internal or degradable: workarounds exist for a while.',
    requirements: {
      minimumSloTarget: 0.99,
      sloRequired: false,
      oncallRequired: true,
      runbookRequired: false,
      postmortem: { severities: ['SEV0', 'SEV1'], dueBusinessDays: 10 },
      drTestInterval: null,
      errorBudgetPolicy: { onExhaustion: 'alert' },
    },
  },
  {
    id: 'tier-3',
    title: 'Tier 3 (best effort)',
    description:
      'Experiments, tools and batch jobs with no availability promise.',
    requirements: {
      minimumSloTarget: null,
      sloRequired: false,
      oncallRequired: false,
      runbookRequired: false,
      postmortem: null,
      drTestInterval: null,
      errorBudgetPolicy: { onExhaustion: 'none' },
    },
  },
] as TierPolicy[]);
