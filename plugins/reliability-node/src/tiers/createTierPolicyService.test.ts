import { parseTierPolicies } from '@reliability-suite/plugin-reliability-common';
import { createTierPolicyService } from './createTierPolicyService';

describe('createTierPolicyService', () => {
  const service = createTierPolicyService(
    parseTierPolicies(undefined, 'reliability.tiers'),
  );
  const entity = (annotations: Record<string, string>) => ({
    metadata: { name: 'svc', annotations },
  });

  it('lists the policies in order and resolves annotations against them', () => {
    expect(service.getPolicies().map(p => p.id)).toEqual([
      'tier-0',
      'tier-1',
      'tier-2',
      'tier-3',
    ]);
    expect(
      service.resolve(entity({ 'reliability/tier': 'tier-1' })),
    ).toMatchObject({
      state: 'tiered',
      policy: { id: 'tier-1' },
    });
    expect(service.resolve(entity({}))).toMatchObject({ state: 'untiered' });
  });
});
