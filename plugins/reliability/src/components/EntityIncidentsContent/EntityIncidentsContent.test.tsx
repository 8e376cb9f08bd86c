import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { IncidentResponse } from '@reliability-suite/plugin-reliability-common';
import { reliabilityApiRef } from '../../api/ReliabilityApi';
import { checkoutEntity, mockReliabilityApi } from '../../testUtils/fixtures';
import { EntityIncidentsContent } from './EntityIncidentsContent';

const incident = (
  id: string,
  severity: string,
  title: string,
): IncidentResponse => ({
  id,
  title,
  severity,
  entityRefs: ['component:default/checkout-api'],
  startedAt: '2026-11-02T10:00:00.000Z',
  detectedAt: null,
  acknowledgedAt: null,
  mitigatedAt: null,
  resolvedAt: '2026-11-02T12:00:00.000Z',
  externalUrl: null,
  version: 1,
  durations: {
    timeToAcknowledgeMs: null,
    timeToMitigateMs: null,
    timeToResolveMs: 7_200_000,
  },
  postmortem: {
    required: false,
    dueAt: null,
    status: null,
    documentUrl: null,
    summary: null,
    publishedAt: null,
    version: null,
    onTime: null,
  },
});

describe('EntityIncidentsContent', () => {
  it('lists the incidents of the last 90 days', async () => {
    const api = mockReliabilityApi({
      getEntityIncidents: jest.fn(async () => [
        incident('1', 'SEV1', 'Checkout 5xx'),
        incident('2', 'SEV3', 'Slow images'),
      ]),
    });
    await renderInTestApp(
      <TestApiProvider apis={[[reliabilityApiRef, api]]}>
        <EntityProvider entity={checkoutEntity}>
          <EntityIncidentsContent />
        </EntityProvider>
      </TestApiProvider>,
    );
    expect(await screen.findByText('Incidents (2)')).toBeInTheDocument();
    expect(screen.getByText('Checkout 5xx')).toBeInTheDocument();
    expect(screen.getAllByText('120 min')).toHaveLength(2);
    const since = (api.getEntityIncidents as jest.Mock).mock
      .calls[0][1] as Date;
    expect(Math.round((Date.now() - since.getTime()) / 86_400_000)).toBe(90);
  });

  it('has an empty state', async () => {
    await renderInTestApp(
      <TestApiProvider apis={[[reliabilityApiRef, mockReliabilityApi()]]}>
        <EntityProvider entity={checkoutEntity}>
          <EntityIncidentsContent />
        </EntityProvider>
      </TestApiProvider>,
    );
    expect(await screen.findByText('No incidents')).toBeInTheDocument();
  });
});
