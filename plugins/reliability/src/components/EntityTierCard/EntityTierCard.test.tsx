import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { reliabilityApiRef } from '../../api/ReliabilityApi';
import {
  checkoutEntity,
  mockReliabilityApi,
  untieredSummary,
} from '../../testUtils/fixtures';
import { EntityTierCard } from './EntityTierCard';

function renderCard(api = mockReliabilityApi()) {
  return renderInTestApp(
    <TestApiProvider apis={[[reliabilityApiRef, api]]}>
      <EntityProvider entity={checkoutEntity}>
        <EntityTierCard />
      </EntityProvider>
    </TestApiProvider>,
  );
}

describe('EntityTierCard', () => {
  it('lists the requirements of the tier', async () => {
    await renderCard();
    const list = await screen.findByRole('list', { name: 'Tier requirements' });
    expect(list.querySelectorAll('li')).toHaveLength(6);
    expect(list).toHaveTextContent(
      'Postmortem for SEV0, SEV1, SEV2 incidents within 5 business days',
    );
    expect(screen.getByText(/In this tier since/)).toBeInTheDocument();
  });

  it('explains how to add a tier to an untiered entity', async () => {
    await renderCard(
      mockReliabilityApi({
        getEntitySummary: jest.fn(async () => untieredSummary),
      }),
    );
    expect(
      await screen.findByText('This entity has no tier yet'),
    ).toBeInTheDocument();
    expect(screen.getByText(/reliability\/tier/)).toBeInTheDocument();
  });

  it('shows the problem of an unknown tier', async () => {
    const message =
      "The annotation reliability/tier names the tier 'platinum', which the tier policy does not define. Use one of: tier-0, tier-1, tier-2, tier-3.";
    await renderCard(
      mockReliabilityApi({
        getEntitySummary: jest.fn(async () => ({
          ...untieredSummary,
          problems: [
            { code: 'unknown-tier', severity: 'error' as const, message },
          ],
        })),
      }),
    );
    expect(await screen.findByText(message)).toBeInTheDocument();
    expect(screen.getByText('Fix the tier annotation')).toBeInTheDocument();
  });

  it('shows the backend error instead of a blank card', async () => {
    await renderCard(
      mockReliabilityApi({
        getEntitySummary: jest.fn(async () => {
          throw new Error('Reliability backend unreachable');
        }),
      }),
    );
    expect(
      await screen.findByText('Error: Reliability backend unreachable'),
    ).toBeInTheDocument();
  });
});
