import { builtInReadinessRules } from './builtInReadinessRules';
import { defaultReadinessTemplates } from './defaultReadinessTemplates';

describe('defaultReadinessTemplates', () => {
  const requiredIds = (tier: string) =>
    defaultReadinessTemplates[tier]
      .filter(i => i.level === 'required')
      .map(i => i.id);

  it('is strictest for tier-0 and lightest for tier-3', () => {
    const counts = ['tier-0', 'tier-1', 'tier-2', 'tier-3'].map(
      t => requiredIds(t).length,
    );
    expect(counts).toEqual([14, 9, 3, 2]);
    // Every requirement of a tier is also required by the tiers above it.
    for (const [lower, higher] of [
      ['tier-3', 'tier-2'],
      ['tier-2', 'tier-1'],
      ['tier-1', 'tier-0'],
    ]) {
      expect(requiredIds(higher)).toEqual(
        expect.arrayContaining(requiredIds(lower)),
      );
    }
  });

  it('uses only built-in rules, each item either automatic or manual, ids unique per tier', () => {
    const ruleIds = Object.values(defaultReadinessTemplates)
      .flat()
      .flatMap(i => (i.rule ? [i.rule.id] : []));
    expect(ruleIds.filter(id => !builtInReadinessRules[id])).toEqual([]);
    for (const template of Object.values(defaultReadinessTemplates)) {
      const ids = template.map(i => i.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const item of template) {
        expect(Boolean(item.rule) !== Boolean(item.attestationValidFor)).toBe(
          true,
        );
      }
    }
  });
});
