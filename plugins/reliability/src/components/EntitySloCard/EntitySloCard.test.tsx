import { EntityProvider } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  MockPermissionApi,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { SWRConfig } from 'swr';
import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import {
  SloResponse,
  SloStatusReport,
} from '@reliability-suite/plugin-reliability-common';
import { reliabilityApiRef } from '../../api/ReliabilityApi';
import {
  checkoutEntity,
  mockReliabilityApi,
  tier0Summary,
} from '../../testUtils/fixtures';
import { EntitySloCard } from './EntitySloCard';

const report = (overrides: Partial<SloStatusReport>): SloStatusReport => ({
  at: '2026-11-23T12:00:00.000Z',
  window: {
    start: '2026-10-26T12:00:00.000Z',
    end: '2026-11-23T12:00:00.000Z',
  },
  good: 999_500,
  total: 1_000_000,
  attainment: 0.9995,
  errorBudget: { total: 1000, consumed: 0.5, remaining: 0.5 },
  burnRates: {
    '5m': 0.5,
    '30m': 0.5,
    '1h': 0.5,
    '6h': 0.5,
    '1d': 0.5,
    '3d': 0.5,
  },
  alerts: [],
  suppressedAlerts: [],
  policyAlerts: [],
  status: 'healthy',
  projectedExhaustion: '2027-01-20T12:00:00.000Z',
  ...overrides,
});

const slo = (name: string, status: SloStatusReport | null): SloResponse => ({
  name,
  displayName: `${name} SLO`,
  source: 'catalog',
  version: 1,
  definition: {
    name,
    target: 0.999,
    timeWindow: { kind: 'rolling', duration: '28d' },
    budgetingMethod: 'Occurrences',
  },
  status,
});

function renderCard(api = mockReliabilityApi(), allowed = true) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [reliabilityApiRef, api],
        [
          permissionApiRef,
          new MockPermissionApi(() =>
            allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
          ),
        ],
      ]}
    >
      {/* A fresh cache per test: usePermission caches decisions with SWR. */}
      <SWRConfig value={{ provider: () => new Map() }}>
        <EntityProvider entity={checkoutEntity}>
          <EntitySloCard />
        </EntityProvider>
      </SWRConfig>
    </TestApiProvider>,
  );
}

describe('EntitySloCard', () => {
  it('shows a healthy SLO with its numbers', async () => {
    await renderCard(
      mockReliabilityApi({
        getSlos: jest.fn(async () => ({
          items: [slo('availability', report({}))],
        })),
      }),
    );
    const row = await screen.findByTestId('slo-availability');
    expect(within(row).getByText('availability SLO')).toBeInTheDocument();
    expect(within(row).getByText('Healthy')).toBeInTheDocument();
    expect(
      within(row).getByText(/Target 99.9 % over a 28-day rolling window/),
    ).toBeInTheDocument();
    expect(within(row).getByText('99.95 %')).toBeInTheDocument();
    expect(within(row).getByText('50 %')).toBeInTheDocument();
    expect(
      within(row).getByLabelText('Error budget remaining for availability SLO'),
    ).toHaveAttribute('aria-valuenow', '50');
    expect(within(row).getByText('1d 0.50×')).toBeInTheDocument();
    expect(screen.queryByText('Deploys are frozen')).not.toBeInTheDocument();
  });

  it('shows the paging alert', async () => {
    const paging = report({
      status: 'page',
      burnRates: { '5m': 30, '30m': 30, '1h': 30, '6h': 7, '1d': 2, '3d': 1.2 },
      alerts: [
        {
          severity: 'page',
          longWindow: '1h',
          shortWindow: '5m',
          threshold: 13.44,
        },
      ],
    });
    await renderCard(
      mockReliabilityApi({
        getSlos: jest.fn(async () => ({ items: [slo('payments', paging)] })),
      }),
    );
    expect(await screen.findByText('Paging')).toBeInTheDocument();
    expect(
      screen.getByText(
        'Paging: the budget burns at 30.0× over 1h and 30.0× over 5m (threshold 13.4×).',
      ),
    ).toBeInTheDocument();
  });

  it('says which alerts low traffic held back', async () => {
    // 2 bad of 3 events in the last hour burn at 666.67 (above 13.44) in
    // the 1h and 5m lookbacks, and of 3 events in 6h at 666.67 (above 5.6);
    // 100 events are needed.
    const lowTraffic = report({
      burnRates: {
        '5m': 666.67,
        '30m': 666.67,
        '1h': 666.67,
        '6h': 666.67,
        '1d': 666.67,
        '3d': 0.1,
      },
      suppressedAlerts: [
        {
          severity: 'page',
          longWindow: '1h',
          shortWindow: '5m',
          threshold: 13.44,
          events: 3,
          minEvents: 100,
        },
        {
          severity: 'page',
          longWindow: '6h',
          shortWindow: '30m',
          threshold: 5.6,
          events: 3,
          minEvents: 100,
        },
      ],
    });
    await renderCard(
      mockReliabilityApi({
        getSlos: jest.fn(async () => ({
          items: [slo('payments', lowTraffic), slo('search', report({}))],
        })),
      }),
    );
    const row = await screen.findByTestId('slo-payments');
    const heldBack = within(row).getByLabelText(
      'Alerts held back for payments SLO',
    );
    expect(
      within(heldBack).getByText(
        'Page held back: 3 events in 1h, fewer than the 100 needed',
      ),
    ).toBeInTheDocument();
    expect(
      within(heldBack).getByText(
        'Page held back: 3 events in 6h, fewer than the 100 needed',
      ),
    ).toBeInTheDocument();
    expect(
      within(heldBack).getByText(
        'Low traffic: burn-rate alerts wait for at least 100 events per lookback.',
      ),
    ).toBeInTheDocument();
    expect(within(row).queryByText(/^Paging:/)).not.toBeInTheDocument();
    expect(within(row).getByText('Healthy')).toBeInTheDocument();
    // An SLO with nothing held back says nothing about it.
    const quiet = screen.getByTestId('slo-search');
    expect(within(quiet).queryByText(/held back/)).not.toBeInTheDocument();
    expect(within(quiet).queryByText(/Low traffic/)).not.toBeInTheDocument();
  });

  it('shows an exhausted budget and the frozen deploy gate', async () => {
    const exhausted = report({
      status: 'exhausted',
      errorBudget: { total: 1000, consumed: 1.6, remaining: -0.6 },
      projectedExhaustion: null,
    });
    await renderCard(
      mockReliabilityApi({
        getSlos: jest.fn(async () => ({ items: [slo('ledger', exhausted)] })),
        getDeployGate: jest.fn(async () => ({
          allowed: false,
          freezePolicy: true,
          reasons: [
            "The error budget of SLO 'ledger SLO' is exhausted (-60 % remaining).",
          ],
        })),
      }),
    );
    expect(await screen.findByText('Deploys are frozen')).toBeInTheDocument();
    expect(
      screen.getByText(
        "The error budget of SLO 'ledger SLO' is exhausted (-60 % remaining).",
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Budget exhausted')).toBeInTheDocument();
    expect(screen.getByText('-60 %')).toBeInTheDocument();
    expect(screen.getByText('already')).toBeInTheDocument();
    expect(
      screen.getByLabelText('Error budget remaining for ledger SLO'),
    ).toHaveAttribute('aria-valuenow', '0');
  });

  it('explains an SLO without data', async () => {
    await renderCard(
      mockReliabilityApi({
        getSlos: jest.fn(async () => ({
          items: [
            slo(
              'cart',
              report({
                status: 'no-data',
                attainment: null,
                errorBudget: { total: null, consumed: null, remaining: null },
              }),
            ),
          ],
        })),
      }),
    );
    expect(await screen.findByText('No data')).toBeInTheDocument();
    expect(
      screen.getByText(/No measurements in the window yet/),
    ).toBeInTheDocument();
  });

  it('names the provider of a pulled SLO, its last pull and its last failure', async () => {
    const pulled: SloResponse = {
      ...slo('availability', report({})),
      pull: {
        provider: 'prometheus',
        pulledUntil: '2026-11-23T11:59:00.000Z',
        lastSuccessAt: '2026-11-23T12:00:05.000Z',
        problem: null,
        nextAttemptAt: null,
        replay: null,
      },
    };
    const failing: SloResponse = {
      ...slo('latency', null),
      pull: {
        provider: 'prometheus',
        pulledUntil: null,
        lastSuccessAt: null,
        problem:
          "Prometheus 'main' (http://prometheus:9090) is unreachable: connect ECONNREFUSED",
        nextAttemptAt: '2026-11-23T12:04:00.000Z',
        replay: null,
      },
    };
    await renderCard(
      mockReliabilityApi({
        getSlos: jest.fn(async () => ({ items: [pulled, failing] })),
      }),
    );
    const ok = await screen.findByTestId('slo-availability');
    expect(
      within(ok).getByText(/^Pulled from Prometheus, last pull /),
    ).toBeInTheDocument();
    expect(within(ok).queryByRole('alert')).not.toBeInTheDocument();

    const down = screen.getByTestId('slo-latency');
    expect(
      within(down).getByText(
        'Pulled from Prometheus: no pull has succeeded yet',
      ),
    ).toBeInTheDocument();
    expect(within(down).getByRole('alert')).toHaveTextContent(
      "The last pull from Prometheus failed: Prometheus 'main' (http://prometheus:9090) is unreachable: connect ECONNREFUSED. Next attempt",
    );
    expect(within(down).getByRole('alert')).toHaveTextContent(
      'No figures until a pull succeeds.',
    );
    // Not the push instructions: nobody needs to push to a pulled SLO.
    expect(
      within(down).getByText(
        'No measurements in the window yet. They are pulled from Prometheus every minute.',
      ),
    ).toBeInTheDocument();
    expect(within(down).queryByText(/POST/)).not.toBeInTheDocument();
  });

  it('asks for a replay of the last 7 days and shows its progress', async () => {
    const pull = {
      provider: 'prometheus',
      pulledUntil: '2026-11-23T11:59:00.000Z',
      lastSuccessAt: '2026-11-23T12:00:05.000Z',
      problem: null,
      nextAttemptAt: null,
      replay: null,
    };
    const getSlos = jest
      .fn()
      .mockResolvedValueOnce({
        items: [{ ...slo('availability', report({})), pull }],
      })
      .mockResolvedValue({
        items: [
          {
            ...slo('availability', report({})),
            pull: {
              ...pull,
              replay: { from: '2026-11-16T12:00:00.000Z', progress: 0.25 },
            },
          },
        ],
      });
    const replaySlo = jest.fn(async () => pull);
    await renderCard(mockReliabilityApi({ getSlos, replaySlo }));
    fireEvent.click(
      await screen.findByRole('button', { name: 'Replay history' }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByText('Replay history from Prometheus'),
    ).toBeInTheDocument();
    fireEvent.click(within(dialog).getByLabelText('The last 7 days'));
    const before = Date.now();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Replay' }));
    const after = Date.now();
    const row = await screen.findByTestId('slo-availability');
    expect(
      await within(row).findByLabelText('Replay of availability'),
    ).toHaveAttribute('aria-valuenow', '25');
    expect(
      within(row).getByText(/^Replaying history since .*: 25 %$/),
    ).toBeInTheDocument();
    // No second replay while one runs.
    expect(
      within(row).queryByRole('button', { name: 'Replay history' }),
    ).not.toBeInTheDocument();
    const [ref, name, from] = replaySlo.mock.calls[0] as unknown as [
      unknown,
      string,
      string,
    ];
    expect(ref).toEqual({
      kind: 'Component',
      namespace: 'default',
      name: 'checkout-api',
    });
    expect(name).toBe('availability');
    // 7 days before the click, in whole seconds.
    const week = 7 * 86_400_000;
    expect(from).toMatch(/:\d\dZ$/);
    expect(Date.parse(from)).toBeGreaterThanOrEqual(
      Math.floor((before - week) / 1000) * 1000,
    );
    expect(Date.parse(from)).toBeLessThanOrEqual(after - week);
  });

  it('keeps the SLOs on screen when a progress poll fails, and polls on', async () => {
    jest.useFakeTimers();
    try {
      const pull = {
        provider: 'prometheus',
        pulledUntil: '2026-11-20T12:00:00.000Z',
        lastSuccessAt: '2026-11-23T12:00:05.000Z',
        problem: null,
        nextAttemptAt: null,
        replay: { from: '2026-11-16T12:00:00.000Z', progress: 0.5 },
      };
      const replaying = { ...slo('availability', report({})), pull };
      const getSlos = jest
        .fn()
        .mockResolvedValueOnce({ items: [replaying] })
        .mockRejectedValueOnce(new Error('backend restarting'))
        .mockResolvedValue({
          items: [{ ...replaying, pull: { ...pull, replay: null } }],
        });
      await renderCard(mockReliabilityApi({ getSlos }));
      expect(
        await screen.findByText(/^Replaying history since .*: 50 %$/),
      ).toBeInTheDocument();
      await act(async () => {
        jest.advanceTimersByTime(10_000);
      });
      expect(
        await screen.findByText(
          /Could not refresh these SLOs: backend restarting/,
        ),
      ).toBeInTheDocument();
      expect(screen.getByTestId('slo-availability')).toBeInTheDocument();
      await act(async () => {
        jest.advanceTimersByTime(10_000);
      });
      await waitFor(() =>
        expect(
          screen.queryByText(/Could not refresh these SLOs/),
        ).not.toBeInTheDocument(),
      );
      expect(screen.queryByText(/^Replaying history/)).not.toBeInTheDocument();
      expect(getSlos).toHaveBeenCalledTimes(3);
    } finally {
      jest.useRealTimers();
    }
  });

  it('shows the SLOs when only the summary with the file problems fails', async () => {
    await renderCard(
      mockReliabilityApi({
        getSlos: jest.fn(async () => ({
          items: [slo('availability', report({}))],
        })),
        getEntitySummary: jest.fn(async () => {
          throw new Error('summary unavailable');
        }),
      }),
    );
    expect(await screen.findByTestId('slo-availability')).toBeInTheDocument();
    expect(screen.queryByText(/summary unavailable/)).not.toBeInTheDocument();
  });

  it('does not claim there are no SLOs when the file problems could not be read', async () => {
    await renderCard(
      mockReliabilityApi({
        getSlos: jest.fn(async () => ({ items: [] })),
        getEntitySummary: jest.fn(async () => {
          throw new Error('summary unavailable');
        }),
      }),
    );
    expect(
      await screen.findByText(
        'No SLOs have been read for this entity, and whether its SLO file has problems could not be checked: summary unavailable. Reload to try again.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText('No SLOs yet')).not.toBeInTheDocument();
  });

  it('says how a threshold metric judges its values', async () => {
    const latency = slo('latency', report({}));
    latency.definition = {
      ...latency.definition,
      target: 0.99,
      threshold: { op: 'lt', value: 500 },
    };
    await renderCard(
      mockReliabilityApi({
        getSlos: jest.fn(async () => ({ items: [latency] })),
      }),
    );
    expect(
      await screen.findByText(
        /Target 99 % over a 28-day rolling window; a value is good when below 500/,
      ),
    ).toBeInTheDocument();
  });

  it("shows an SLO's own alert policy and its alert instead of the default rules", async () => {
    const owned = slo(
      'checkout',
      report({
        status: 'ticket',
        policyAlerts: [
          {
            policy: 'slow-burn',
            condition: 'burn-over-1',
            severity: 'sev2',
            status: 'ticket',
            reason: 'breaching',
            op: 'gte',
            threshold: 1,
            lookbackWindow: '6h',
            alertAfter: '0m',
            burnRate: 1.25,
          },
        ],
      }),
    );
    owned.definition = {
      ...owned.definition,
      alertPolicies: [
        {
          name: 'slow-burn',
          alertWhenBreaching: true,
          alertWhenResolved: false,
          alertWhenNoData: false,
          condition: {
            name: 'burn-over-1',
            severity: 'sev2',
            op: 'gte',
            threshold: 1,
            lookbackWindow: '6h',
            alertAfter: '0m',
          },
          notificationTargets: ['sre-mail'],
        },
      ],
    };
    await renderCard(
      mockReliabilityApi({
        getSlos: jest.fn(async () => ({ items: [owned] })),
      }),
    );
    expect(
      await screen.findByText(
        'Alerts by its own policy instead of the default rules: slow-burn, sev2 when the burn rate over 6h is at least 1× (targets: sre-mail).',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent(
      'slow-burn (sev2): the budget burns at 1.3× over 6h, at least 1×.',
    );
    expect(screen.getByText('Ticket')).toBeInTheDocument();
  });

  it('says how a RatioTimeslices SLO counts', async () => {
    const ratio = slo('main-page', report({}));
    ratio.definition = {
      ...ratio.definition,
      target: 0.99,
      timeWindow: { kind: 'rolling', duration: '2w' },
      budgetingMethod: 'RatioTimeslices',
      timeSliceWindow: '1m',
    };
    await renderCard(
      mockReliabilityApi({
        getSlos: jest.fn(async () => ({ items: [ratio] })),
      }),
    );
    expect(
      await screen.findByText(
        /Target 99 % over a 2-week rolling window, the average of its 1m slices' ratios of good events/,
      ),
    ).toBeInTheDocument();
  });

  it('offers no replay to someone who may not push measurements', async () => {
    await renderCard(
      mockReliabilityApi({
        getSlos: jest.fn(async () => ({
          items: [
            {
              ...slo('availability', report({})),
              pull: {
                provider: 'prometheus',
                pulledUntil: '2026-11-23T11:59:00.000Z',
                lastSuccessAt: '2026-11-23T12:00:05.000Z',
                problem: null,
                nextAttemptAt: null,
                replay: null,
              },
            },
          ],
        })),
      }),
      false,
    );
    expect(
      await screen.findByText(/^Pulled from Prometheus, last pull /),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Replay history' }),
    ).not.toBeInTheDocument();
  });

  it('loads the budget chart on demand', async () => {
    const api = mockReliabilityApi({
      getSlos: jest.fn(async () => ({
        items: [slo('availability', report({}))],
      })),
      getSloSeries: jest.fn(async () => ({
        points: [
          {
            at: '2026-11-21T12:00:00.000Z',
            attainment: 0.9999,
            budgetRemaining: 0.9,
          },
          {
            at: '2026-11-22T12:00:00.000Z',
            attainment: 0.9996,
            budgetRemaining: 0.6,
          },
          {
            at: '2026-11-23T12:00:00.000Z',
            attainment: 0.9995,
            budgetRemaining: 0.5,
          },
        ],
      })),
    });
    await renderCard(api);
    fireEvent.click(await screen.findByText('Show budget chart'));
    expect(
      await screen.findByRole('img', {
        name: 'Error budget remaining over time for availability, now 50 %',
      }),
    ).toBeInTheDocument();
    expect(api.getSloSeries).toHaveBeenCalledWith(
      { kind: 'Component', namespace: 'default', name: 'checkout-api' },
      'availability',
    );
  });

  it("shows the SLO file's problems, with the last valid SLOs beside them", async () => {
    const problem = {
      code: 'invalid-openslo',
      severity: 'error' as const,
      annotation: 'reliability/slos',
      message:
        'file:/repo/slos.yaml, document 1, spec.objectives[0].target: must be a fraction less than 1 (99.9 % is 0.999). The last valid SLO definitions stay in use.',
    };
    await renderCard(
      mockReliabilityApi({
        getSlos: jest.fn(async () => ({
          items: [slo('availability', report({}))],
        })),
        getEntitySummary: jest.fn(async () => ({
          ...tier0Summary,
          problems: [problem],
        })),
      }),
    );
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The SLO file failed validation');
    expect(alert).toHaveTextContent(problem.message);
    expect(screen.getByTestId('slo-availability')).toBeInTheDocument();
  });

  it('shows the problems instead of the onboarding template when no SLO was ever valid', async () => {
    await renderCard(
      mockReliabilityApi({
        getEntitySummary: jest.fn(async () => ({
          ...tier0Summary,
          problems: [
            {
              code: 'invalid-openslo',
              severity: 'error' as const,
              message: 'file:/repo/slos.yaml, document 1: missing spec.',
            },
            // Not the SLO file's: the tier card shows it.
            {
              code: 'unknown-tier',
              severity: 'error' as const,
              message: 'gold',
            },
          ],
        })),
      }),
    );
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      'file:/repo/slos.yaml, document 1: missing spec. No valid SLO definitions have been read from it yet.',
    );
    expect(alert).not.toHaveTextContent('gold');
    expect(screen.queryByText('No SLOs yet')).not.toBeInTheDocument();
  });

  it('offers an OpenSLO snippet when the entity has no SLOs', async () => {
    await renderCard();
    expect(await screen.findByText('No SLOs yet')).toBeInTheDocument();
    // The snippet is syntax-highlighted into many spans; read its text.
    expect(document.body.textContent).toContain(
      'reliability/slos: ./slos.yaml',
    );
    expect(document.body.textContent).toContain('apiVersion: openslo/v1');
  });

  it('shows the backend error', async () => {
    await renderCard(
      mockReliabilityApi({
        getSlos: jest.fn(async () => {
          throw new Error('SLO store unavailable');
        }),
      }),
    );
    expect(
      await screen.findByText('Error: SLO store unavailable'),
    ).toBeInTheDocument();
  });
});
