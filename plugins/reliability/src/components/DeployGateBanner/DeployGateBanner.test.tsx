import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { DeployGateBanner } from './DeployGateBanner';

describe('DeployGateBanner', () => {
  it('says deploys are frozen, with every reason', async () => {
    await renderInTestApp(
      <DeployGateBanner
        gate={{
          allowed: false,
          freezePolicy: true,
          reasons: [
            "SLO 'ledger-availability' has exhausted its error budget.",
            'Tier 0 freezes deploys when a budget is exhausted.',
          ],
        }}
      />,
    );
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Deploys are frozen');
    expect(alert).toHaveTextContent(
      "SLO 'ledger-availability' has exhausted its error budget.",
    );
    expect(alert).toHaveTextContent(
      'Tier 0 freezes deploys when a budget is exhausted.',
    );
  });

  it('warns when only an exception allows deploys, and until when', async () => {
    const endsAt = '2026-11-30T18:00:00.000Z';
    await renderInTestApp(
      <DeployGateBanner
        gate={{
          allowed: true,
          freezePolicy: true,
          reasons: ['Exception granted by user:default/gita for the launch.'],
          exception: {
            id: 1,
            entityRef: 'component:default/ledger',
            reason: 'launch',
            approvedBy: 'user:default/gita',
            startsAt: '2026-11-23T00:00:00.000Z',
            endsAt,
            createdAt: '2026-11-23T00:00:00.000Z',
          },
        }}
      />,
    );
    expect(
      screen.getByText(
        `Deploys allowed by an exception until ${new Date(
          endsAt,
        ).toLocaleString()}`,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Exception granted by user:default/gita for the launch.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText('Deploys are frozen')).toBeNull();
  });

  it('says nothing while the gate is simply open', async () => {
    await renderInTestApp(
      <div data-testid="banner-slot">
        <DeployGateBanner
          gate={{
            allowed: true,
            freezePolicy: true,
            reasons: ['No SLO has exhausted its error budget.'],
          }}
        />
      </div>,
    );
    expect(screen.getByTestId('banner-slot')).toBeEmptyDOMElement();
  });
});
