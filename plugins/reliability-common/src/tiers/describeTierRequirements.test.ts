import { defaultTierPolicies } from './defaultTierPolicies';
import { describeTierRequirements } from './describeTierRequirements';

describe('describeTierRequirements', () => {
  it('describes the strictest default tier in full', () => {
    expect(
      describeTierRequirements(defaultTierPolicies[0].requirements),
    ).toEqual([
      'SLO required, target at least 99.9 %',
      'On-call rotation required',
      'Runbook link required',
      'Postmortem for SEV0, SEV1, SEV2 incidents within 5 business days',
      'Disaster-recovery test every 12 months',
      'Exhausted error budget freezes deploys',
    ]);
  });

  it('mentions a recommended target when no SLO is required', () => {
    expect(
      describeTierRequirements(defaultTierPolicies[2].requirements),
    ).toEqual([
      'SLO targets at least 99 %',
      'On-call rotation required',
      'Postmortem for SEV0, SEV1 incidents within 10 business days',
      'Exhausted error budget alerts the owners',
    ]);
  });

  it('lists nothing for a tier that demands nothing', () => {
    expect(
      describeTierRequirements(defaultTierPolicies[3].requirements),
    ).toEqual([]);
  });

  it('uses singular units', () => {
    expect(
      describeTierRequirements({
        ...defaultTierPolicies[3].requirements,
        sloRequired: true,
        postmortem: { severities: ['SEV0'], dueBusinessDays: 1 },
        drTestInterval: 'P1Y6M',
      }),
    ).toEqual([
      'SLO required',
      'Postmortem for SEV0 incidents within 1 business day',
      'Disaster-recovery test every 1 year 6 months',
    ]);
  });
});
