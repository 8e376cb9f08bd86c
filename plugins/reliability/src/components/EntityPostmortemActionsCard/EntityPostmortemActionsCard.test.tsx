import { ResponseError } from '@backstage/errors';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, within } from '@testing-library/react';
import {
  ActionResponse,
  IncidentResponse,
} from '@reliability-suite/plugin-reliability-common';
import { reliabilityApiRef } from '../../api/ReliabilityApi';
import { checkoutEntity, mockReliabilityApi } from '../../testUtils/fixtures';
import { EntityPostmortemActionsCard } from './EntityPostmortemActionsCard';

const action = (
  id: string,
  overrides: Partial<ActionResponse> = {},
): ActionResponse => ({
  id,
  title: `Action ${id}`,
  entityRef: 'component:default/checkout-api',
  incidentId: null,
  owner: 'group:default/checkout-team',
  priority: 'P1',
  dueDate: '2026-12-01',
  status: 'open',
  ticketUrl: null,
  version: 1,
  createdAt: '2026-11-01T00:00:00.000Z',
  closedAt: null,
  overdue: false,
  closedOnTime: null,
  ageDays: 22,
  ...overrides,
});

const lateIncident: IncidentResponse = {
  id: '7',
  title: 'Checkout 5xx',
  severity: 'SEV1',
  entityRefs: ['component:default/checkout-api'],
  startedAt: '2026-11-02T10:00:00.000Z',
  detectedAt: '2026-11-02T10:04:00.000Z',
  acknowledgedAt: '2026-11-02T10:06:00.000Z',
  mitigatedAt: '2026-11-02T11:00:00.000Z',
  resolvedAt: '2026-11-02T12:30:00.000Z',
  externalUrl: null,
  version: 1,
  durations: {
    timeToAcknowledgeMs: 120_000,
    timeToMitigateMs: 3_600_000,
    timeToResolveMs: 9_000_000,
  },
  postmortem: {
    required: true,
    dueAt: '2026-11-09T22:59:59.999Z',
    status: 'draft',
    documentUrl: null,
    summary: null,
    publishedAt: null,
    version: 1,
    onTime: false,
  },
};

function renderCard(api = mockReliabilityApi()) {
  return renderInTestApp(
    <TestApiProvider apis={[[reliabilityApiRef, api]]}>
      <EntityProvider entity={checkoutEntity}>
        <EntityPostmortemActionsCard />
      </EntityProvider>
    </TestApiProvider>,
  );
}

describe('EntityPostmortemActionsCard', () => {
  it('lists actions in the order given (overdue first) and marks overdue ones', async () => {
    await renderCard(
      mockReliabilityApi({
        getEntityActions: jest.fn(async () => [
          action('2', { overdue: true, dueDate: '2026-11-10', ageDays: 70 }),
          action('1'),
        ]),
        getEntityIncidents: jest.fn(async () => [lateIncident]),
      }),
    );
    const rows = await screen.findAllByTestId(/^action-/);
    expect(rows.map(r => r.getAttribute('data-testid'))).toEqual([
      'action-2',
      'action-1',
    ]);
    expect(
      within(rows[0]).getByText('overdue since 2026-11-10'),
    ).toBeInTheDocument();
    expect(within(rows[1]).getByText('due 2026-12-01')).toBeInTheDocument();
    expect(screen.getByText('2 open, 1 overdue')).toBeInTheDocument();
    const incident = screen.getByTestId('incident-7');
    expect(
      within(incident).getByText(/postmortem draft, due .* · late/),
    ).toBeInTheDocument();
    expect(
      within(incident).getByText(
        /acknowledged in 2 min · mitigated in 60 min · resolved in 2.5 h/,
      ),
    ).toBeInTheDocument();
  });

  it('says "changed by someone else" instead of overwriting a stale action', async () => {
    const stale = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: {
            name: 'PreconditionFailedError',
            message: 'version 2, not 1',
          },
        }),
        {
          status: 412,
          statusText: 'Precondition Failed',
          headers: { 'Content-Type': 'application/json' },
        },
      ) as any,
    );
    const api = mockReliabilityApi({
      getEntityActions: jest.fn(async () => [action('1')]),
      updateAction: jest.fn(async () => {
        throw stale;
      }),
    });
    await renderCard(api);
    fireEvent.click(await screen.findByText('Mark done'));
    expect(
      await screen.findByText(
        'Changed by someone else: reload to see the latest, then try again.',
      ),
    ).toBeInTheDocument();
    expect(api.updateAction).toHaveBeenCalledWith('1', { status: 'done' }, 1);
  });

  it('has an empty state and the add form', async () => {
    await renderCard();
    expect(await screen.findByText('No open actions')).toBeInTheDocument();
    fireEvent.click(screen.getByText('Add action'));
    expect(
      await screen.findByText('Add a corrective action'),
    ).toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    await renderCard(
      mockReliabilityApi({
        getEntityActions: jest.fn(async () => {
          throw new Error('Actions unavailable');
        }),
      }),
    );
    expect(
      await screen.findByText('Error: Actions unavailable'),
    ).toBeInTheDocument();
  });
});
