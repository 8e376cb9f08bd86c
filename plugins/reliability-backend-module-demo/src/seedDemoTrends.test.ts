import { demoTrendHistory } from './seedDemoTrends';

describe('demoTrendHistory', () => {
  const today = {
    teamRef: 'group:default/payments',
    day: '2026-11-23',
    values: {
      'slo-coverage': 0.5,
      mtta: 6,
      'entities-with-gaps': 2,
      'dr-tested': null,
    },
    computedAt: new Date('2026-11-23T12:00:00Z'),
  };

  it('fills the days before today, getting better towards today', () => {
    const history = demoTrendHistory(today, 90);
    expect(history).toHaveLength(89);
    expect(history[0].day).toBe('2026-08-26');
    expect(history[88].day).toBe('2026-11-22');
    // 89 days ago: 0.5 × (1 − 0.3 × 89/90 + 0.03 × sin(89/3)).
    expect(history[0].values['slo-coverage']).toBeCloseTo(
      0.5 * (1 - (0.3 * 89) / 90 + 0.03 * Math.sin(89 / 3)),
      12,
    );
    expect(history[0].values.mtta).toBeGreaterThan(6);
    expect(history[0].values['dr-tested']).toBeNull();
    expect(history.every(h => h.teamRef === today.teamRef)).toBe(true);
  });
});
