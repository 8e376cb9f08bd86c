import { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  DEFAULT_SCORECARD_TARGETS,
  TeamScorecardResponse,
} from '@reliability-suite/plugin-reliability-common';
import { screen, within } from '@testing-library/react';
import { reliabilityApiRef } from '../../api/ReliabilityApi';
import { mockReliabilityApi } from '../../testUtils/fixtures';
import { TeamScorecardContent } from './TeamScorecardContent';

const group: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'payments', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

const scorecard: TeamScorecardResponse = {
  team: 'group:default/payments',
  groups: ['group:default/payments', 'group:default/payments-eu'],
  windowDays: 90,
  computedAt: '2026-11-23T12:00:00.000Z',
  entityCount: 4,
  kpis: [
    {
      id: 'slo-coverage',
      title: 'Tier-0/1 with an SLO',
      value: 0.75,
      unit: 'share',
      target: DEFAULT_SCORECARD_TARGETS.sloCoverage,
      direction: 'at-least',
      met: true,
      numerator: 3,
      denominator: 4,
    },
    {
      id: 'mtta',
      title: 'MTTA SEV0',
      value: 6,
      unit: 'minutes',
      target: 5,
      direction: 'at-most',
      met: false,
    },
    {
      id: 'dr-tested',
      title: 'Tier-0 DR-tested in interval',
      value: null,
      unit: 'share',
      target: 1,
      direction: 'at-least',
      met: null,
      numerator: 0,
      denominator: 0,
    },
  ],
  sloAttainmentByTier: [
    { tier: 'tier-0', slos: 2, meetingTarget: 1, share: 0.5 },
  ],
  incidentsBySeverity: [
    { severity: 'SEV0', incidents: 2, mttaMinutes: 6, mttrMinutes: 45 },
  ],
  gaps: {
    'no-owner': 0,
    'owner-not-found': 0,
    'owner-group-empty': 0,
    'no-rotation': 2,
    'nobody-on-call': 0,
    'single-person-rotation': 0,
    'no-tier': 0,
    'slo-required': 1,
    'overdue-postmortem': 0,
    'overdue-actions': 0,
  },
};

function renderTab(api = mockReliabilityApi()) {
  return renderInTestApp(
    <TestApiProvider apis={[[reliabilityApiRef, api]]}>
      <EntityProvider entity={group}>
        <TeamScorecardContent />
      </EntityProvider>
    </TestApiProvider>,
  );
}

describe('TeamScorecardContent', () => {
  it('shows each KPI against its target, green, red or without data, with its trend', async () => {
    const api = mockReliabilityApi({
      getTeamScorecard: jest.fn(async () => scorecard),
      getTeamTrends: jest.fn(async () => ({
        team: 'group:default/payments',
        days: 90,
        points: [
          { day: '2026-11-21', values: { 'slo-coverage': 0.5, mtta: 9 } },
          { day: '2026-11-22', values: { 'slo-coverage': 0.6, mtta: 7 } },
          { day: '2026-11-23', values: { 'slo-coverage': 0.75, mtta: 6 } },
        ],
      })),
    });
    await renderTab(api);
    expect(api.getTeamScorecard).toHaveBeenCalledWith('group:default/payments');
    expect(api.getTeamTrends).toHaveBeenCalledWith(
      'group:default/payments',
      90,
    );
    const coverage = screen.getByTestId('kpi-slo-coverage');
    expect(coverage).toHaveAttribute('data-verdict', 'met');
    expect(coverage).toHaveTextContent('75 %');
    expect(coverage).toHaveTextContent('target ≥ 60 % · 3 of 4');
    expect(
      within(coverage).getByRole('img', {
        name: 'Tier-0/1 with an SLO over 3 days',
      }),
    ).toBeInTheDocument();
    const mtta = screen.getByTestId('kpi-mtta');
    expect(mtta).toHaveAttribute('data-verdict', 'missed');
    expect(mtta).toHaveTextContent('6 min');
    expect(mtta).toHaveTextContent('target ≤ 5 min');
    const dr = screen.getByTestId('kpi-dr-tested');
    expect(dr).toHaveAttribute('data-verdict', 'none');
    expect(dr).toHaveTextContent('no data yet');
    expect(screen.getByText(/4 entities of 2 groups/)).toBeInTheDocument();
    expect(screen.getByText('50 % (1)')).toBeInTheDocument();
    expect(screen.getByText('45 min')).toBeInTheDocument();
    expect(
      screen.getByText('No on-call rotation: 2').closest('a'),
    ).toHaveAttribute(
      'href',
      '/reliability?owner=group%3Adefault%2Fpayments&gap=no-rotation&includeChildGroups=true',
    );
  });

  it('shows the tiles without trends when those are refused', async () => {
    await renderTab(
      mockReliabilityApi({
        getTeamScorecard: jest.fn(async () => scorecard),
        getTeamTrends: jest.fn(async () => {
          throw new Error('403');
        }),
      }),
    );
    expect(screen.getByTestId('kpi-slo-coverage')).toBeInTheDocument();
    expect(screen.queryByRole('img')).not.toBeInTheDocument();
  });

  it('says "1 entity of 1 group" for a team of one', async () => {
    await renderTab(
      mockReliabilityApi({
        getTeamScorecard: jest.fn(async () => ({
          ...scorecard,
          groups: ['group:default/payments'],
          entityCount: 1,
        })),
      }),
    );
    expect(
      await screen.findByText(/^1 entity of 1 group \(child groups included\)/),
    ).toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    await renderTab(
      mockReliabilityApi({
        getTeamScorecard: jest.fn(async () => {
          throw await ResponseError.fromResponse(
            new Response(
              JSON.stringify({
                error: { name: 'NotFoundError', message: "No group 'x'" },
                request: { method: 'GET', url: '/x' },
                response: { statusCode: 404 },
              }),
              { status: 404, headers: { 'Content-Type': 'application/json' } },
            ),
          );
        }),
      }),
    );
    expect((await screen.findAllByText(/No group 'x'/))[0]).toBeInTheDocument();
  });
});
