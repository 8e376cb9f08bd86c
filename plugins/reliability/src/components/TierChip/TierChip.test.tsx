import { renderInTestApp } from '@backstage/test-utils';
import { fireEvent, screen, within } from '@testing-library/react';
import { defaultTierPolicies } from '@reliability-suite/plugin-reliability-common';
import { TierChip, TierChipProps } from './TierChip';

const tier0: TierChipProps['tier'] = { ...defaultTierPolicies[0], rank: 0 };

const bestEffort: TierChipProps['tier'] = {
  ...defaultTierPolicies[3],
  rank: 3,
};

describe('TierChip', () => {
  it("shows the tier's title, or its id where space is short", async () => {
    await renderInTestApp(
      <>
        <TierChip tier={tier0} />
        <TierChip tier={tier0} label="id" />
      </>,
    );
    const [byTitle, byId] = screen.getAllByTestId('reliability-tier-chip');
    expect(byTitle).toHaveTextContent('Tier 0 (critical)');
    expect(byId).toHaveTextContent('tier-0');
    // Both say the full title to a screen reader.
    expect(byId).toHaveAttribute('aria-label', 'Tier: Tier 0 (critical)');
  });

  it('pins what the tier requires in a popover on click', async () => {
    await renderInTestApp(<TierChip tier={tier0} />);
    fireEvent.click(screen.getByTestId('reliability-tier-chip'));
    const list = await screen.findByRole('list', {
      name: 'What Tier 0 (critical) requires',
    });
    expect(within(list).getAllByRole('listitem')[0]).toHaveTextContent(
      'SLO required, target at least 99.9 %',
    );
    expect(list).toHaveTextContent('Runbook link required');
    expect(list).toHaveTextContent('Disaster-recovery test every 12 months');
  });

  it('says when a tier requires nothing', async () => {
    await renderInTestApp(<TierChip tier={bestEffort} />);
    fireEvent.click(screen.getByText('Tier 3 (best effort)'));
    expect(
      await screen.findByText('This tier has no requirements.'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('list')).toBeNull();
  });
});
