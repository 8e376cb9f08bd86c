import { defaultTierPolicies } from './defaultTierPolicies';
import { parseTierPolicies, TierPolicyConfigError } from './parseTierPolicies';

const validTier = {
  id: 'tier-0',
  title: 'Tier 0',
  minimumSloTarget: 0.999,
  sloRequired: true,
};

function errorOf(raw: unknown): TierPolicyConfigError {
  try {
    parseTierPolicies(raw);
  } catch (e) {
    return e as TierPolicyConfigError;
  }
  throw new Error('expected parseTierPolicies to throw');
}

describe('parseTierPolicies', () => {
  it('falls back to the default policy when nothing is configured', () => {
    expect(parseTierPolicies(undefined)).toEqual(defaultTierPolicies);
  });

  it('fills in defaults and nests requirements', () => {
    expect(parseTierPolicies([validTier])).toEqual([
      {
        id: 'tier-0',
        title: 'Tier 0',
        description: '',
        requirements: {
          minimumSloTarget: 0.999,
          sloRequired: true,
          oncallRequired: false,
          runbookRequired: false,
          postmortem: null,
          drTestInterval: null,
          errorBudgetPolicy: { onExhaustion: 'none' },
        },
      },
    ]);
  });

  it('keeps the configured order', () => {
    const ids = parseTierPolicies([
      { id: 'platinum', title: 'Platinum' },
      { id: 'gold', title: 'Gold' },
    ]).map(t => t.id);
    expect(ids).toEqual(['platinum', 'gold']);
  });

  it.each([
    [
      [validTier, { ...validTier, id: 'tier-1', minimumSloTarget: 99.5 }],
      'reliability.tiers[1].minimumSloTarget',
    ],
    [
      [{ ...validTier, minimumSloTarget: 0 }],
      'reliability.tiers[0].minimumSloTarget',
    ],
    [
      [{ ...validTier, minimumSloTarget: 1 }],
      'reliability.tiers[0].minimumSloTarget',
    ],
    [[{ ...validTier, id: 'Tier 0' }], 'reliability.tiers[0].id'],
    [[{ ...validTier, title: ' ' }], 'reliability.tiers[0].title'],
    [[validTier, validTier], 'reliability.tiers[1].id'],
    [
      [{ ...validTier, drTestInterval: '12 months' }],
      'reliability.tiers[0].drTestInterval',
    ],
    [
      [{ ...validTier, drTestInterval: 'P0D' }],
      'reliability.tiers[0].drTestInterval',
    ],
    [
      [{ ...validTier, postmortem: { severities: [], dueBusinessDays: 5 } }],
      'reliability.tiers[0].postmortem.severities',
    ],
    [
      [
        {
          ...validTier,
          postmortem: { severities: ['SEV0'], dueBusinessDays: 2.5 },
        },
      ],
      'reliability.tiers[0].postmortem.dueBusinessDays',
    ],
    [
      [{ ...validTier, errorBudgetPolicy: { onExhaustion: 'panic' } }],
      'reliability.tiers[0].errorBudgetPolicy.onExhaustion',
    ],
    [[{ ...validTier, sloRequierd: true }], 'reliability.tiers[0]'],
    [[], 'reliability.tiers'],
    ['tier-0', 'reliability.tiers'],
  ])('rejects %j naming %s', (raw, key) => {
    const error = errorOf(raw);
    expect(error).toBeInstanceOf(TierPolicyConfigError);
    expect(error.key).toBe(key);
    expect(error.message).toContain(`'${key}'`);
  });

  it('explains the fraction when a percentage is given', () => {
    expect(errorOf([{ ...validTier, minimumSloTarget: 99.9 }]).message).toBe(
      "Invalid reliability tier policy at 'reliability.tiers[0].minimumSloTarget': must be a fraction less than 1 (99.9 % is 0.999)",
    );
  });
});
