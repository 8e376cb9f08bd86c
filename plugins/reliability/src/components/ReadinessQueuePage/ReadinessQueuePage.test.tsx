import { ResponseError } from '@backstage/errors';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { PendingReadinessReview } from '@reliability-suite/plugin-reliability-common';
import { reliabilityApiRef } from '../../api/ReliabilityApi';
import { mockReliabilityApi } from '../../testUtils/fixtures';
import { ReadinessQueuePage } from './ReadinessQueuePage';

const pending = (
  id: string,
  name: string,
  failingRequired: Array<{ id: string; title: string; reason: string }>,
  since: Pick<
    PendingReadinessReview,
    'lastApproval' | 'changesSinceApproval'
  > = { lastApproval: null, changesSinceApproval: [] },
): PendingReadinessReview => ({
  id,
  entityRef: `component:default/${name}`,
  state: 'requested' as const,
  lapseReason: null,
  requestedBy: 'user:default/bob',
  requestedAt: '2026-11-20T09:00:00.000Z',
  targetLaunchDate: '2026-12-01',
  decidedBy: null,
  decidedAt: null,
  comment: null,
  tierId: 'tier-1',
  snapshot: null,
  tier: 'tier-1',
  owner: 'group:default/payments-team',
  failingRequired,
  ...since,
});

function renderPage(api = mockReliabilityApi()) {
  return renderInTestApp(
    <TestApiProvider apis={[[reliabilityApiRef, api]]}>
      <ReadinessQueuePage />
    </TestApiProvider>,
    { mountedRoutes: {} },
  );
}

describe('ReadinessQueuePage', () => {
  it('lists pending reviews with tier, team, launch date and failing items, linking to the Reliability tab', async () => {
    await renderPage(
      mockReliabilityApi({
        listPendingReviews: jest.fn(async () => [
          pending('1', 'ledger-api', [
            { id: 'runbook', title: 'Runbook', reason: 'No attestation' },
            { id: 'slo-defined', title: 'SLOs defined', reason: 'No SLO' },
          ]),
          pending('2', 'search-api', []),
        ]),
      }),
    );
    expect(screen.getByText('Pending (2)')).toBeInTheDocument();
    const ledgerRow = screen.getByText('ledger-api').closest('tr')!;
    expect(within(ledgerRow).getByText('ledger-api')).toHaveAttribute(
      'href',
      '/catalog/default/component/ledger-api/reliability',
    );
    expect(ledgerRow).toHaveTextContent('group:default/payments-team');
    expect(ledgerRow).toHaveTextContent('2026-12-01');
    expect(ledgerRow).toHaveTextContent('by bob');
    expect(ledgerRow).toHaveTextContent('Runbook, SLOs defined');
    const searchRow = screen.getByText('search-api').closest('tr')!;
    expect(searchRow).toHaveTextContent('none');
  });

  it('will not let the reviewer approve while required items fail, but lets them reject', async () => {
    const decideReview = jest.fn(async () => ({} as any));
    const listPendingReviews = jest
      .fn()
      .mockResolvedValueOnce([
        pending('1', 'ledger-api', [
          { id: 'runbook', title: 'Runbook', reason: 'No attestation' },
        ]),
      ])
      .mockResolvedValue([]);
    await renderPage(mockReliabilityApi({ listPendingReviews, decideReview }));
    fireEvent.click(screen.getByText('Decide'));
    const dialog = screen.getByRole('dialog');
    expect(dialog).toHaveTextContent('Runbook: No attestation');
    expect(
      within(dialog).getByRole('button', { name: 'Approve' }),
    ).toBeDisabled();
    fireEvent.change(screen.getByLabelText('Comment'), {
      target: { value: 'Write the runbook first' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Reject' }));
    await waitFor(() =>
      expect(decideReview).toHaveBeenCalledWith(
        '1',
        'reject',
        'Write the runbook first',
      ),
    );
    expect(await screen.findByText('No pending reviews')).toBeInTheDocument();
  });

  it('shows what changed since the last approval, or that there was none', async () => {
    await renderPage(
      mockReliabilityApi({
        listPendingReviews: jest.fn(async () => [
          pending('1', 'ledger-api', [], {
            lastApproval: {
              reviewId: '7',
              decidedBy: 'user:default/gita',
              decidedAt: '2026-06-01T10:00:00.000Z',
            },
            changesSinceApproval: [
              {
                id: 'runbook',
                title: 'Runbook',
                level: 'required',
                change: 'status',
                before: 'attested',
                after: 'expired',
              },
              {
                id: 'dr-test',
                title: 'DR test',
                level: 'required',
                change: 'added',
                before: null,
                after: 'fail',
              },
              {
                id: 'load-test',
                title: 'Load test',
                level: 'recommended',
                change: 'removed',
                before: 'pass',
                after: null,
              },
            ],
          }),
          pending('2', 'search-api', []),
        ]),
      }),
    );
    fireEvent.click(screen.getAllByText('Decide')[0]);
    const changes = within(screen.getByRole('dialog')).getByTestId(
      'readiness-changes',
    );
    expect(changes).toHaveTextContent('by gita');
    expect(changes).toHaveTextContent('Runbook: attested → expired');
    expect(changes).toHaveTextContent('DR test: new item, now fail');
    expect(changes).toHaveTextContent(
      'Load test (recommended): no longer asked (was pass)',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    fireEvent.click(screen.getAllByText('Decide')[1]);
    expect(
      within(screen.getByRole('dialog')).getByTestId('readiness-changes'),
    ).toHaveTextContent('First review: this entity has no approved review');
  });

  it('approves a review with nothing failing', async () => {
    const decideReview = jest.fn(async () => ({} as any));
    await renderPage(
      mockReliabilityApi({
        listPendingReviews: jest.fn(async () => [
          pending('2', 'search-api', []),
        ]),
        decideReview,
      }),
    );
    fireEvent.click(screen.getByText('Decide'));
    const dialog = screen.getByRole('dialog');
    expect(dialog).toHaveTextContent(
      'Every required item passes, is attested or is waived.',
    );
    fireEvent.click(within(dialog).getByRole('button', { name: 'Approve' }));
    await waitFor(() =>
      expect(decideReview).toHaveBeenCalledWith('2', 'approve', undefined),
    );
  });

  it('shows why the server refused a decision and keeps the dialog open', async () => {
    const refusal = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: {
            name: 'NotAllowedError',
            message: 'You cannot decide your own review request',
          },
        }),
        { status: 403, headers: { 'Content-Type': 'application/json' } },
      ) as any,
    );
    await renderPage(
      mockReliabilityApi({
        listPendingReviews: jest.fn(async () => [
          pending('2', 'search-api', []),
        ]),
        decideReview: jest.fn(async () => {
          throw refusal;
        }),
      }),
    );
    fireEvent.click(screen.getByText('Decide'));
    fireEvent.click(screen.getByRole('button', { name: 'Approve' }));
    expect(
      await screen.findByText(/You cannot decide your own review request/),
    ).toBeInTheDocument();
    expect(screen.getByRole('dialog')).toBeInTheDocument();
  });

  it('says when the queue is empty', async () => {
    await renderPage();
    expect(screen.getByText('No pending reviews')).toBeInTheDocument();
  });

  it('shows the error when the queue cannot be loaded', async () => {
    await renderPage(
      mockReliabilityApi({
        listPendingReviews: jest.fn(async () => {
          throw new Error('queue unavailable');
        }),
      }),
    );
    expect(
      await screen.findByText('Error: queue unavailable'),
    ).toBeInTheDocument();
  });
});
