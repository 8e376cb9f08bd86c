import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen } from '@testing-library/react';
import { ResponseError } from '@backstage/errors';
import { reliabilityApiRef } from '../../api/ReliabilityApi';
import {
  checkoutEntity,
  mockReliabilityApi,
  untieredSummary,
} from '../../testUtils/fixtures';
import { EntityTierBadge } from './EntityTierBadge';

function renderBadge(api = mockReliabilityApi()) {
  return renderInTestApp(
    <TestApiProvider apis={[[reliabilityApiRef, api]]}>
      <EntityProvider entity={checkoutEntity}>
        <EntityTierBadge />
      </EntityProvider>
    </TestApiProvider>,
  );
}

describe('EntityTierBadge', () => {
  it('shows the tier and, on click, what it requires', async () => {
    const api = mockReliabilityApi();
    await renderBadge(api);
    const chip = await screen.findByText('Tier 0 (critical)');
    expect(api.getEntitySummary).toHaveBeenCalledWith({
      kind: 'Component',
      namespace: 'default',
      name: 'checkout-api',
    });
    fireEvent.click(chip);
    const list = await screen.findByRole('list', {
      name: 'What Tier 0 (critical) requires',
    });
    expect(list).toHaveTextContent('SLO required, target at least 99.9 %');
    expect(list).toHaveTextContent('On-call rotation required');
    expect(list).toHaveTextContent('Runbook link required');
    expect(list).toHaveTextContent('Exhausted error budget freezes deploys');
  });

  it('shows what the tier requires on hover', async () => {
    await renderBadge();
    fireEvent.mouseOver(await screen.findByText('Tier 0 (critical)'));
    expect(
      await screen.findByText('Disaster-recovery test every 12 months'),
    ).toBeInTheDocument();
  });

  it('says when the entity has no tier', async () => {
    await renderBadge(
      mockReliabilityApi({
        getEntitySummary: jest.fn(async () => untieredSummary),
      }),
    );
    expect(await screen.findByText('No tier')).toBeInTheDocument();
  });

  it('marks an unknown tier', async () => {
    await renderBadge(
      mockReliabilityApi({
        getEntitySummary: jest.fn(async () => ({
          ...untieredSummary,
          problems: [
            {
              code: 'unknown-tier',
              severity: 'error' as const,
              message: "names the tier 'platinum'",
            },
          ],
        })),
      }),
    );
    expect(await screen.findByText('Unknown tier')).toBeInTheDocument();
  });

  it('shows that the tier is unavailable when the backend fails', async () => {
    const error = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({ error: { name: 'Error', message: 'down' } }),
        {
          status: 503,
          statusText: 'Service Unavailable',
          headers: { 'Content-Type': 'application/json' },
        },
      ) as any,
    );
    await renderBadge(
      mockReliabilityApi({
        getEntitySummary: jest.fn(async () => {
          throw error;
        }),
      }),
    );
    expect(await screen.findByText('Tier unavailable')).toBeInTheDocument();
  });
});
