import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import {
  SloDefinition,
  SloObjectiveReport,
} from '@reliability-suite/plugin-reliability-common';
import { describeTargets, SloObjectives } from './SloObjectives';

const definition: SloDefinition = {
  name: 'availability',
  target: 0.999,
  timeWindow: { kind: 'rolling', duration: '30d' },
  budgetingMethod: 'Occurrences',
};

const objective = (
  overrides: Partial<SloObjectiveReport>,
): SloObjectiveReport => ({
  target: 0.999,
  attainment: 0.998,
  errorBudget: { total: 100, consumed: 2, remaining: -1 },
  burnRates: {
    '5m': null,
    '30m': null,
    '1h': null,
    '6h': null,
    '1d': null,
    '3d': null,
  },
  alerts: [],
  suppressedAlerts: [],
  policyAlerts: [],
  status: 'exhausted',
  projectedExhaustion: null,
  ...overrides,
});

describe('SloObjectives', () => {
  it('names one target, or each of several', () => {
    expect(describeTargets(definition)).toBe('Target 99.9 %');
    expect(
      describeTargets({
        ...definition,
        objectives: [
          { displayName: 'Internal', target: 0.999 },
          { target: 0.995 },
          { displayName: 'SLA', target: 0.99 },
        ],
      }),
    ).toBe('Targets 99.9 % (Internal), 99.5 % and 99 % (SLA)');
  });

  it("shows each objective's budget and status", async () => {
    await renderInTestApp(
      <SloObjectives
        sloTitle="Checkout availability"
        objectives={[
          objective({ displayName: 'Internal' }),
          objective({
            target: 0.99,
            errorBudget: { total: 1000, consumed: 0.2, remaining: 0.8 },
            status: 'healthy',
          }),
        ]}
      />,
    );
    const items = within(
      screen.getByLabelText('Objectives of Checkout availability'),
    ).getAllByRole('listitem');
    expect(items.map(item => item.textContent)).toEqual([
      'Internal · 99.9 %100 % over its budgetBudget exhausted',
      'Objective 2 · 99 %80 % of its budget leftHealthy',
    ]);
  });
});
