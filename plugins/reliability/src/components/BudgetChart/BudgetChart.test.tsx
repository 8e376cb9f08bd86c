import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { reliabilityApiRef } from '../../api/ReliabilityApi';
import { checkoutEntity, mockReliabilityApi } from '../../testUtils/fixtures';
import { BudgetChart } from './BudgetChart';

function renderChart(api = mockReliabilityApi()) {
  return renderInTestApp(
    <TestApiProvider apis={[[reliabilityApiRef, api]]}>
      <EntityProvider entity={checkoutEntity}>
        <BudgetChart sloName="checkout-availability" />
      </EntityProvider>
    </TestApiProvider>,
  );
}

const point = (at: string, budgetRemaining: number | null) => ({
  at,
  attainment: null,
  budgetRemaining,
});

describe('BudgetChart', () => {
  it("draws the SLO's budget remaining over time, saying where it is now", async () => {
    const api = mockReliabilityApi({
      getSloSeries: jest.fn(async () => ({
        points: [
          point('2026-11-01T00:00:00.000Z', 1),
          point('2026-11-02T00:00:00.000Z', null),
          point('2026-11-03T00:00:00.000Z', 0.625),
          point('2026-11-04T00:00:00.000Z', 0.4),
        ],
      })),
    });
    await renderChart(api);
    const chart = await screen.findByRole('img', {
      name: 'Error budget remaining over time for checkout-availability, now 40 %',
    });
    expect(api.getSloSeries).toHaveBeenCalledWith(
      { kind: 'Component', namespace: 'default', name: 'checkout-api' },
      'checkout-availability',
    );
    // Points without a value are left out: three points, one line.
    const path = chart.querySelector('path')!;
    expect(path.getAttribute('d')!.match(/[ML]/g)).toEqual(['M', 'L', 'L']);
    // Axis labels: the top (100 %) and zero lines.
    expect(chart).toHaveTextContent('100 %');
    expect(chart).toHaveTextContent('0 %');
  });

  it('labels a budget below zero on its own grid line', async () => {
    await renderChart(
      mockReliabilityApi({
        getSloSeries: jest.fn(async () => ({
          points: [
            point('2026-11-01T00:00:00.000Z', 0.5),
            point('2026-11-02T00:00:00.000Z', -1.5),
          ],
        })),
      }),
    );
    const chart = await screen.findByRole('img', {
      name: /now -150 %$/,
    });
    expect(
      Array.from(chart.querySelectorAll('g text')).map(t => t.textContent),
    ).toEqual(['100 %', '0 %', '-150 %']);
  });

  it('says there is not enough data for fewer than two points', async () => {
    await renderChart(
      mockReliabilityApi({
        getSloSeries: jest.fn(async () => ({
          points: [
            point('2026-11-01T00:00:00.000Z', 0.9),
            point('2026-11-02T00:00:00.000Z', null),
          ],
        })),
      }),
    );
    expect(
      await screen.findByText('Not enough data for a chart yet.'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('img')).toBeNull();
  });

  it('shows the error when the series cannot be loaded', async () => {
    await renderChart(
      mockReliabilityApi({
        getSloSeries: jest.fn(async () => {
          throw new Error('series unavailable');
        }),
      }),
    );
    expect(
      await screen.findByText('Error: series unavailable'),
    ).toBeInTheDocument();
  });
});
