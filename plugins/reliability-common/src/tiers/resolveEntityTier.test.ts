import { defaultTierPolicies } from './defaultTierPolicies';
import { resolveEntityTier } from './resolveEntityTier';

const entityWith = (annotations?: Record<string, string>) => ({
  metadata: { annotations },
});

describe('resolveEntityTier', () => {
  it.each([
    ['tier-0', 'tier-0'],
    ['tier-3', 'tier-3'],
    ['Tier-1', 'tier-1'],
    ['TIER-2', 'tier-2'],
    ['  tier-1  ', 'tier-1'],
    ['tier_1', 'tier-1'],
    ['Tier 0', 'tier-0'],
  ])('resolves %j to %s', (value, expectedId) => {
    const resolution = resolveEntityTier(
      entityWith({ 'reliability/tier': value }),
      defaultTierPolicies,
    );
    expect(resolution).toEqual({
      state: 'tiered',
      policy: defaultTierPolicies.find(p => p.id === expectedId),
      annotationValue: value,
    });
  });

  it('treats a missing annotation as untiered', () => {
    expect(resolveEntityTier(entityWith(), defaultTierPolicies)).toEqual({
      state: 'untiered',
    });
    expect(
      resolveEntityTier(
        entityWith({ 'backstage.io/techdocs-ref': 'dir:.' }),
        defaultTierPolicies,
      ),
    ).toEqual({ state: 'untiered' });
  });

  it.each(['tier-9', 'gold', 'tier1', '1', '', '   '])(
    'reports %j as unknown, keeping the value as written',
    value => {
      expect(
        resolveEntityTier(
          entityWith({ 'reliability/tier': value }),
          defaultTierPolicies,
        ),
      ).toEqual({ state: 'unknown', annotationValue: value });
    },
  );

  it('only knows the tiers of the policy it is given', () => {
    const policies = [{ ...defaultTierPolicies[0], id: 'gold' }];
    expect(
      resolveEntityTier(entityWith({ 'reliability/tier': 'Gold' }), policies)
        .state,
    ).toBe('tiered');
    expect(
      resolveEntityTier(entityWith({ 'reliability/tier': 'tier-0' }), policies)
        .state,
    ).toBe('unknown');
  });
});
