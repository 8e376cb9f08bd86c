import { ResponseError } from '@backstage/errors';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  OverviewResponse,
  OverviewRow,
} from '@reliability-suite/plugin-reliability-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { reliabilityApiRef } from '../../api/ReliabilityApi';
import { mockReliabilityApi } from '../../testUtils/fixtures';
import { ReliabilityOverviewPage } from './ReliabilityOverviewPage';

const row = (name: string, fields: Partial<OverviewRow> = {}): OverviewRow => ({
  entityRef: `component:default/${name}`,
  kind: 'component',
  namespace: 'default',
  name,
  title: null,
  tier: 'tier-0',
  owner: 'group:default/payments',
  system: 'system:default/commerce',
  lifecycle: 'production',
  sloCount: 1,
  sloStatus: 'page',
  budgetRemaining: 0.125,
  onCallNow: 'user:default/ana',
  openActions: 2,
  overdueActions: 1,
  readinessScore: 0.5,
  ready: false,
  reviewState: 'requested',
  gaps: ['single-person-rotation'],
  updatedAt: '2026-11-23T12:00:00.000Z',
  ...fields,
});

const answer = (
  items: OverviewRow[],
  extra: Partial<OverviewResponse> = {},
): OverviewResponse => ({
  items,
  totalCount: items.length,
  facets: {
    tier: { 'tier-0': 2, 'tier-1': 1, 'tier-2': 0, 'tier-3': 0, none: 0 },
    gap: { 'single-person-rotation': 1, 'no-rotation': 2 },
    status: { page: 1, healthy: 2 },
    readiness: { ready: 1, 'not-ready': 2 },
  },
  ...extra,
});

const catalogApi = {
  getEntities: jest.fn(async () => ({
    items: [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: { name: 'payments', namespace: 'default', title: 'Payments' },
        spec: { type: 'team', children: [] },
      },
    ],
  })),
};

function renderPage(api = mockReliabilityApi(), path = '/reliability') {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [reliabilityApiRef, api],
        [catalogApiRef, catalogApi as any],
      ]}
    >
      <ReliabilityOverviewPage />
    </TestApiProvider>,
    { routeEntries: [path] },
  );
}

describe('ReliabilityOverviewPage', () => {
  it('shows rows with links to the Reliability tab, and the facet counts', async () => {
    const api = mockReliabilityApi({
      getOverview: jest.fn(async () =>
        answer([row('checkout', { title: 'Checkout API' })]),
      ),
    });
    await renderPage(api);
    expect(api.getOverview).toHaveBeenCalledWith({ limit: 50 });
    const link = await screen.findByText('Checkout API');
    expect(link.closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/component/checkout/reliability',
    );
    const tableRow = link.closest('tr')!;
    expect(tableRow).toHaveTextContent('payments');
    expect(tableRow).toHaveTextContent('on call: ana');
    expect(tableRow).toHaveTextContent('Paging');
    expect(tableRow).toHaveTextContent('12.5 %');
    expect(tableRow).toHaveTextContent('2 open · 1 overdue');
    expect(tableRow).toHaveTextContent('review requested');
    expect(tableRow).toHaveTextContent('Single-person rotation');
    expect(screen.getByText('Tier 0 (critical): 2')).toBeInTheDocument();
    expect(screen.getByText('No on-call rotation: 2')).toBeInTheDocument();
    // Values without rows are not offered.
    expect(screen.queryByText(/^No tier:/)).not.toBeInTheDocument();
    expect(screen.getByText('1–1 of 1')).toBeInTheDocument();
  });

  it('filters by the chips and the URL, and pages with the cursor', async () => {
    const getOverview = jest.fn(async (query: { cursor?: string }) =>
      query.cursor
        ? answer([row('zeta')], { totalCount: 51 })
        : answer([row('alpha')], { totalCount: 51, nextCursor: 'next-1' }),
    );
    await renderPage(
      mockReliabilityApi({ getOverview }),
      '/reliability?gap=no-rotation&owner=group:default/payments&includeChildGroups=true',
    );
    await screen.findByText('alpha');
    expect(getOverview).toHaveBeenLastCalledWith({
      gap: ['no-rotation'],
      owner: ['group:default/payments'],
      includeChildGroups: true,
      limit: 50,
    });
    fireEvent.click(screen.getByText('Tier 0 (critical): 2'));
    await waitFor(() =>
      expect(getOverview).toHaveBeenLastCalledWith(
        expect.objectContaining({ tier: ['tier-0'], gap: ['no-rotation'] }),
      ),
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Next' }));
    await screen.findByText('zeta');
    expect(getOverview).toHaveBeenLastCalledWith(
      expect.objectContaining({ cursor: 'next-1', tier: ['tier-0'] }),
    );
    expect(screen.getByText('51–51 of 51')).toBeInTheDocument();
    // Sorting starts again from the first page.
    fireEvent.click(screen.getByText('Budget'));
    await waitFor(() =>
      expect(getOverview).toHaveBeenLastCalledWith(
        expect.not.objectContaining({ cursor: expect.anything() }),
      ),
    );
    expect(getOverview).toHaveBeenLastCalledWith(
      expect.objectContaining({ sort: 'budget' }),
    );
    // Four renders of the full table: past jest's 5 s default on a busy
    // two-core machine (it timed out there before any change), not slow code.
  }, 20_000);

  it('exports the filtered rows as CSV', async () => {
    const exportOverviewCsv = jest.fn(async () => new Blob(['x']));
    const createObjectURL = jest.fn(() => 'blob:csv');
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    await renderPage(
      mockReliabilityApi({
        getOverview: jest.fn(async () => answer([row('alpha')])),
        exportOverviewCsv,
      }),
      '/reliability?tier=tier-0&sort=-overdue',
    );
    await screen.findByText('alpha');
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() =>
      expect(exportOverviewCsv).toHaveBeenCalledWith({
        tier: ['tier-0'],
        sort: '-overdue',
      }),
    );
    expect(createObjectURL).toHaveBeenCalled();
  });

  it('says when no entity matches, and offers to clear the filters', async () => {
    const getOverview = jest.fn(async () => answer([]));
    await renderPage(
      mockReliabilityApi({ getOverview }),
      '/reliability?status=exhausted',
    );
    expect(
      await screen.findByText('No entities match these filters'),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Export CSV' })).toBeDisabled();
    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() =>
      expect(getOverview).toHaveBeenLastCalledWith({ limit: 50 }),
    );
    expect(await screen.findByText('No summaries yet')).toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    await renderPage(
      mockReliabilityApi({
        getOverview: jest.fn(async () => {
          throw await ResponseError.fromResponse(
            new Response(
              JSON.stringify({
                error: {
                  name: 'InputError',
                  message:
                    "Invalid query parameter 'tier': 'tier-9' is not a tier",
                },
                request: { method: 'GET', url: '/v1/overview' },
                response: { statusCode: 400 },
              }),
              { status: 400, headers: { 'Content-Type': 'application/json' } },
            ),
          );
        }),
      }),
      '/reliability?tier=tier-9',
    );
    expect(
      (await screen.findAllByText(/'tier-9' is not a tier/))[0],
    ).toBeInTheDocument();
    const facets = screen.queryByText('Tier');
    expect(facets).not.toBeInTheDocument();
    expect(within(document.body).queryByRole('table')).not.toBeInTheDocument();
  });
});
