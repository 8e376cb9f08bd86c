import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import {
  SloAlertPolicy,
  SloPolicyAlert,
} from '@reliability-suite/plugin-reliability-common';
import { describePolicy, SloPolicyAlerts } from './SloPolicyAlerts';

const fastBurn: SloAlertPolicy = {
  name: 'fast-burn',
  displayName: 'Fast burn',
  alertWhenBreaching: true,
  alertWhenResolved: false,
  alertWhenNoData: false,
  condition: {
    name: 'burn-over-2',
    severity: 'page',
    op: 'gt',
    threshold: 2,
    lookbackWindow: '1h',
    alertAfter: '5m',
  },
  notificationTargets: [],
};

const silence: SloAlertPolicy = {
  ...fastBurn,
  name: 'silence',
  displayName: undefined,
  alertWhenBreaching: false,
  alertWhenNoData: true,
  condition: {
    ...fastBurn.condition,
    severity: 'sev3',
    lookbackWindow: '15m',
    alertAfter: '0m',
  },
};

const alert = (overrides: Partial<SloPolicyAlert>): SloPolicyAlert => ({
  policy: 'fast-burn',
  condition: 'burn-over-2',
  severity: 'page',
  status: 'page',
  reason: 'breaching',
  op: 'gt',
  threshold: 2,
  lookbackWindow: '1h',
  alertAfter: '5m',
  burnRate: 2.5,
  ...overrides,
});

describe('SloPolicyAlerts', () => {
  it('says in words when each policy alerts', () => {
    expect(describePolicy(fastBurn)).toBe(
      'page when the burn rate over 1h is above 2× for 5m',
    );
    expect(describePolicy(silence)).toBe('sev3 when 15m pass without events');
    expect(describePolicy({ ...silence, alertWhenNoData: false })).toBe(
      'sev3 when never (it alerts on nothing)',
    );
  });

  it('shows the policies that replace the default rules, and what fires', async () => {
    await renderInTestApp(
      <SloPolicyAlerts
        policies={[fastBurn, silence]}
        alerts={[
          alert({}),
          alert({
            policy: 'silence',
            severity: 'sev3',
            status: 'ticket',
            reason: 'no-data',
            lookbackWindow: '15m',
            alertAfter: '0m',
            burnRate: null,
          }),
        ]}
        sloTitle="Checkout availability"
      />,
    );
    expect(
      screen.getByText(
        'Alerts by its own 2 policies instead of the default rules: Fast burn, page when the burn rate over 1h is above 2× for 5m; silence, sev3 when 15m pass without events.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Fast burn (page): the budget burns at 2.5× over 1h, above 2× for 5m.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('silence (sev3): no events in the last 15m.'),
    ).toBeInTheDocument();
  });

  it('holds back an alert that low traffic suppresses, without an alarm', async () => {
    await renderInTestApp(
      <SloPolicyAlerts
        policies={[fastBurn]}
        alerts={[alert({ suppressed: { events: 3, minEvents: 100 } })]}
        sloTitle="Checkout availability"
      />,
    );
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(
      screen.getByLabelText(
        'Policy alerts held back for Checkout availability',
      ),
    ).toHaveTextContent(
      'Fast burn held back: 3 events in 1h, fewer than the 100 needed',
    );
  });
});
