import { defaultTierPolicies } from './defaultTierPolicies';
import { summarizeEntityTier } from './summarizeEntityTier';

describe('summarizeEntityTier', () => {
  it('summarizes a tiered entity with its rank and requirements', () => {
    const policy = defaultTierPolicies[1];
    expect(
      summarizeEntityTier(
        { state: 'tiered', policy, annotationValue: 'Tier-1' },
        defaultTierPolicies,
      ),
    ).toEqual({
      tier: {
        id: 'tier-1',
        rank: 1,
        title: 'Tier 1 (important)',
        description: policy.description,
        annotationValue: 'Tier-1',
        requirements: policy.requirements,
        since: null,
      },
      problems: [],
    });
  });

  it('gives no tier and no problem for an untiered entity', () => {
    expect(
      summarizeEntityTier({ state: 'untiered' }, defaultTierPolicies),
    ).toEqual({ tier: null, problems: [] });
  });

  it('explains an unknown and an empty tier', () => {
    expect(
      summarizeEntityTier(
        { state: 'unknown', annotationValue: 'platinum' },
        defaultTierPolicies,
      ).problems,
    ).toEqual([
      {
        code: 'unknown-tier',
        severity: 'error',
        annotation: 'reliability/tier',
        message:
          "The annotation reliability/tier names the tier 'platinum', which the tier policy does not define. Use one of: tier-0, tier-1, tier-2, tier-3.",
      },
    ]);
    expect(
      summarizeEntityTier(
        { state: 'unknown', annotationValue: ' ' },
        defaultTierPolicies,
      ).problems[0].message,
    ).toBe(
      'The annotation reliability/tier is empty. Set it to one of: tier-0, tier-1, tier-2, tier-3.',
    );
  });
});
