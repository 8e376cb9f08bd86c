import { ResponseError } from '@backstage/errors';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  EntityReadinessResponse,
  ReadinessItemResult,
} from '@reliability-suite/plugin-reliability-common';
import { reliabilityApiRef } from '../../api/ReliabilityApi';
import { checkoutEntity, mockReliabilityApi } from '../../testUtils/fixtures';
import { EntityReadinessCard } from './EntityReadinessCard';

const item = (
  id: string,
  overrides: Partial<ReadinessItemResult> = {},
): ReadinessItemResult => ({
  id,
  title: `Item ${id}`,
  category: 'Observability',
  level: 'required',
  kind: 'automatic',
  status: 'pass',
  reason: `reason ${id}`,
  ...overrides,
});

const readiness = (
  overrides: Partial<EntityReadinessResponse> = {},
): EntityReadinessResponse => ({
  tier: 'tier-1',
  score: 0.5,
  ready: false,
  review: null,
  items: [
    item('slo-defined', { reason: '2 SLOs defined' }),
    item('runbook', {
      kind: 'manual',
      status: 'fail',
      category: 'Operations',
      reason: 'No attestation',
    }),
    item('load-test', {
      kind: 'manual',
      status: 'attested',
      category: 'Operations',
      reason: 'Attested',
      attestation: {
        id: '3',
        itemId: 'load-test',
        evidenceUrl: 'https://ci.example.com/load/42',
        note: null,
        attestedBy: 'user:default/alice',
        attestedAt: '2026-10-01T00:00:00.000Z',
        expiresAt: '2027-03-30T00:00:00.000Z',
      },
    }),
    item('alert-routing', {
      status: 'fail',
      level: 'recommended',
      reason: 'No on-call rotation',
      waiver: {
        id: '9',
        itemId: 'alert-routing',
        reason: 'Rotation starts next week',
        approvedBy: 'user:default/sre',
        expiresAt: '2026-12-20T23:59:59.000Z',
      },
    }),
  ],
  ...overrides,
});

function renderCard(api = mockReliabilityApi()) {
  return renderInTestApp(
    <TestApiProvider apis={[[reliabilityApiRef, api]]}>
      <EntityProvider entity={checkoutEntity}>
        <EntityReadinessCard />
      </EntityProvider>
    </TestApiProvider>,
  );
}

describe('EntityReadinessCard', () => {
  it('shows the verdict, score and each item by category with its status and evidence', async () => {
    await renderCard(
      mockReliabilityApi({ getReadiness: jest.fn(async () => readiness()) }),
    );
    expect(
      screen.getByText('Not ready · 50 % of items done · tier-1'),
    ).toBeInTheDocument();
    expect(screen.getByText('Observability')).toBeInTheDocument();
    expect(screen.getByText('Operations')).toBeInTheDocument();
    const runbook = screen.getByTestId('readiness-runbook');
    expect(within(runbook).getByLabelText('fail')).toHaveTextContent('✘');
    expect(within(runbook).getByText('No attestation')).toBeInTheDocument();
    const loadTest = screen.getByTestId('readiness-load-test');
    expect(within(loadTest).getByText('evidence')).toHaveAttribute(
      'href',
      'https://ci.example.com/load/42',
    );
    expect(loadTest).toHaveTextContent('valid until 2027-03-30');
    // An attested manual item offers no second attestation.
    expect(within(loadTest).queryByText('Attest')).toBeNull();
    const alerting = screen.getByTestId('readiness-alert-routing');
    expect(
      within(alerting).getByText('waived until 2026-12-20'),
    ).toBeInTheDocument();
    expect(within(alerting).getByText('recommended')).toBeInTheDocument();
    // Already waived: no second waiver.
    expect(within(alerting).queryByText('Waive')).toBeNull();
  });

  it('attests a manual item with its evidence and reloads', async () => {
    const getReadiness = jest.fn(async () => readiness());
    const attest = jest.fn(async () => {});
    await renderCard(mockReliabilityApi({ getReadiness, attest }));
    const runbook = screen.getByTestId('readiness-runbook');
    fireEvent.click(within(runbook).getByText('Attest'));
    fireEvent.change(screen.getByLabelText(/Evidence URL/), {
      target: { value: 'https://wiki.example.com/runbooks/checkout' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Attest' }));
    await waitFor(() => expect(getReadiness).toHaveBeenCalledTimes(2));
    expect(attest).toHaveBeenCalledWith(
      { kind: 'Component', namespace: 'default', name: 'checkout-api' },
      {
        itemId: 'runbook',
        evidenceUrl: 'https://wiki.example.com/runbooks/checkout',
        note: null,
      },
    );
  });

  it('records a DR test on the automatic DR item', async () => {
    const getReadiness = jest.fn(async () =>
      readiness({
        items: [
          item('dr-test', {
            title: 'DR test within the interval',
            status: 'fail',
            reason: 'No DR test recorded',
          }),
        ],
      }),
    );
    const attest = jest.fn(async () => {});
    await renderCard(mockReliabilityApi({ getReadiness, attest }));
    const dr = screen.getByTestId('readiness-dr-test');
    // Automatic: no attestation, but a test can be recorded.
    expect(within(dr).queryByText('Attest')).toBeNull();
    fireEvent.click(within(dr).getByText('Record test'));
    expect(screen.getByText('Record a DR test')).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText(/Evidence URL/), {
      target: { value: 'https://wiki.example.com/dr/2026-11' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Record' }));
    await waitFor(() => expect(getReadiness).toHaveBeenCalledTimes(2));
    expect(attest).toHaveBeenCalledWith(
      { kind: 'Component', namespace: 'default', name: 'checkout-api' },
      {
        itemId: 'dr-test',
        evidenceUrl: 'https://wiki.example.com/dr/2026-11',
        note: null,
      },
    );
  });

  it('waives a failing item until the end of the chosen day', async () => {
    const waive = jest.fn(async () => {});
    await renderCard(
      mockReliabilityApi({
        getReadiness: jest.fn(async () => readiness()),
        waive,
      }),
    );
    const runbook = screen.getByTestId('readiness-runbook');
    fireEvent.click(within(runbook).getByText('Waive'));
    fireEvent.change(screen.getByLabelText(/Reason/), {
      target: { value: 'Written during launch week' },
    });
    fireEvent.change(screen.getByLabelText(/Waived until/), {
      target: { value: '2026-12-31' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Waive' }));
    await waitFor(() => expect(waive).toHaveBeenCalledTimes(1));
    expect(waive).toHaveBeenCalledWith(
      { kind: 'Component', namespace: 'default', name: 'checkout-api' },
      {
        itemId: 'runbook',
        reason: 'Written during launch week',
        expiresAt: '2026-12-31T23:59:59.000Z',
      },
    );
  });

  it('keeps the dialog open with the server message when the waiver is refused', async () => {
    const waive = jest.fn(async () => {
      throw await ResponseError.fromResponse(
        new Response(
          JSON.stringify({
            error: {
              name: 'NotAllowedError',
              message: 'You may not approve readiness waivers',
            },
          }),
          { status: 403, headers: { 'Content-Type': 'application/json' } },
        ) as any,
      );
    });
    await renderCard(
      mockReliabilityApi({
        getReadiness: jest.fn(async () => readiness()),
        waive,
      }),
    );
    fireEvent.click(
      within(screen.getByTestId('readiness-runbook')).getByText('Waive'),
    );
    fireEvent.change(screen.getByLabelText(/Reason/), {
      target: { value: 'x' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Waive' }));
    expect(
      await screen.findByText(/You may not approve readiness waivers/),
    ).toBeInTheDocument();
    expect(screen.getByText('Waive: Item runbook')).toBeInTheDocument();
  });

  it('shows the review state and hides the request button while a review is pending', async () => {
    await renderCard(
      mockReliabilityApi({
        getReadiness: jest.fn(async () =>
          readiness({
            review: {
              id: '4',
              entityRef: 'component:default/checkout-api',
              state: 'lapsed',
              lapseReason: 'the tier changed from tier-2 to tier-1',
              requestedBy: 'user:default/bob',
              requestedAt: '2026-06-01T00:00:00.000Z',
              targetLaunchDate: null,
              decidedBy: 'user:default/sre',
              decidedAt: '2026-06-03T12:00:00.000Z',
              comment: null,
              tierId: 'tier-2',
              snapshot: null,
            },
          }),
        ),
      }),
    );
    expect(screen.getByTestId('readiness-review')).toHaveTextContent(
      /Review lapsed by sre on .*: the tier changed from tier-2 to tier-1/,
    );
    // A lapsed review can be requested again.
    expect(screen.getByText('Request review')).toBeInTheDocument();
  });

  it('offers no new request while a review is approved', async () => {
    await renderCard(
      mockReliabilityApi({
        getReadiness: jest.fn(async () =>
          readiness({
            ready: true,
            review: {
              id: '6',
              entityRef: 'component:default/checkout-api',
              state: 'approved',
              lapseReason: null,
              requestedBy: 'user:default/bob',
              requestedAt: '2026-11-10T00:00:00.000Z',
              targetLaunchDate: null,
              decidedBy: 'user:default/gita',
              decidedAt: '2026-11-12T12:00:00.000Z',
              comment: null,
              tierId: 'tier-1',
              snapshot: null,
            },
          }),
        ),
      }),
    );
    expect(screen.getByTestId('readiness-review')).toHaveTextContent(
      /^Review approved by gita on /,
    );
    expect(screen.queryByText('Request review')).toBeNull();
  });

  it('requests a review and shows it as requested', async () => {
    const requested = {
      id: '5',
      entityRef: 'component:default/checkout-api',
      state: 'requested' as const,
      lapseReason: null,
      requestedBy: 'user:default/bob',
      requestedAt: '2026-11-23T09:00:00.000Z',
      targetLaunchDate: null,
      decidedBy: null,
      decidedAt: null,
      comment: null,
      tierId: 'tier-1',
      snapshot: null,
    };
    const getReadiness = jest
      .fn()
      .mockResolvedValueOnce(readiness())
      .mockResolvedValue(readiness({ review: requested }));
    const requestReview = jest.fn(async () => requested);
    await renderCard(mockReliabilityApi({ getReadiness, requestReview }));
    fireEvent.click(screen.getByText('Request review'));
    fireEvent.change(screen.getByLabelText(/Target launch date/), {
      target: { value: '2026-12-15' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Request review' }));
    expect(await screen.findByTestId('readiness-review')).toHaveTextContent(
      /Review requested since/,
    );
    expect(screen.queryByText('Request review')).toBeNull();
    expect(requestReview).toHaveBeenCalledWith(
      { kind: 'Component', namespace: 'default', name: 'checkout-api' },
      '2026-12-15',
    );
  });

  it('shows the error when readiness cannot be loaded', async () => {
    await renderCard(
      mockReliabilityApi({
        getReadiness: jest.fn(async () => {
          throw new Error('backend down');
        }),
      }),
    );
    expect(await screen.findByText('Error: backend down')).toBeInTheDocument();
  });
});
