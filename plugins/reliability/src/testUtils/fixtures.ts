import { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  defaultTierPolicies,
  EntitySummary,
  RotationResponse,
} from '@reliability-suite/plugin-reliability-common';
import { ReliabilityApi } from '../api/ReliabilityApi';

export const checkoutEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'checkout-api',
    namespace: 'default',
    annotations: { 'reliability/tier': 'tier-0' },
  },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:default/checkout-team',
  },
};

export const tier0Summary: EntitySummary = {
  entityRef: 'component:default/checkout-api',
  tier: {
    id: 'tier-0',
    rank: 0,
    title: 'Tier 0 (critical)',
    description: defaultTierPolicies[0].description,
    annotationValue: 'tier-0',
    requirements: defaultTierPolicies[0].requirements,
    since: '2026-10-01T08:00:00.000Z',
  },
  slos: [],
  oncall: { rotation: null, source: null, now: null, nextHandoff: null },
  actions: { open: 0, overdue: 0, oldestAgeDays: null },
  readiness: { score: 0, ready: false, failingRequired: [], reviewState: null },
  gaps: [],
  problems: [],
};

export const untieredSummary: EntitySummary = {
  entityRef: 'component:default/inventory-sync',
  tier: null,
  slos: [],
  oncall: { rotation: null, source: null, now: null, nextHandoff: null },
  actions: { open: 0, overdue: 0, oldestAgeDays: null },
  readiness: { score: 0, ready: false, failingRequired: [], reviewState: null },
  gaps: [],
  problems: [],
};

/** A weekly rotation with two levels, the second on its own shift length. */
export const paymentsRotation: RotationResponse = {
  id: 'payments-primary',
  name: 'Payments primary',
  team: 'group:default/payments',
  timeZone: 'Europe/Berlin',
  handoffAnchor: '2026-11-02T09:00',
  shiftLength: 'P1W',
  levels: [
    { users: ['user:default/olivia', 'user:default/pedro'] },
    { users: ['user:default/quinn'], shiftLength: 'P2W' },
  ],
  overrides: [],
  version: 5,
  updatedBy: 'user:default/olivia',
  updatedAt: '2026-11-01T08:00:00.000Z',
};

export function mockReliabilityApi(
  overrides: Partial<ReliabilityApi> = {},
): jest.Mocked<ReliabilityApi> {
  return {
    getTierPolicies: jest.fn(async () => [...defaultTierPolicies]),
    getEntitySummary: jest.fn(async () => tier0Summary),
    getSlos: jest.fn(async () => ({ items: [] })),
    getSloSeries: jest.fn(async () => ({ points: [] })),
    getEntityOnCall: jest.fn(async () => ({
      team: null,
      rotation: null,
      levels: [],
      nextHandoffs: [],
      source: null,
      gaps: [],
    })),
    listRotations: jest.fn(async () => []),
    getEntityIncidents: jest.fn(async () => []),
    getReadiness: jest.fn(async () => ({
      items: [],
      score: 1,
      ready: true,
      tier: 'tier-0',
      review: null,
    })),
    attest: jest.fn(async () => {}),
    waive: jest.fn(async () => {}),
    requestReview: jest.fn(),
    decideReview: jest.fn(),
    listPendingReviews: jest.fn(async () => []),
    getOverview: jest.fn(async () => ({
      items: [],
      totalCount: 0,
      facets: { tier: {}, gap: {}, status: {}, readiness: {} } as any,
    })),
    exportOverviewCsv: jest.fn(async () => new Blob(['entityRef\r\n'])),
    getTeamScorecard: jest.fn(),
    getTeamTrends: jest.fn(async () => ({ team: '', days: 90, points: [] })),
    getEntityActions: jest.fn(async () => []),
    createAction: jest.fn(),
    updateAction: jest.fn(),
    putRotation: jest.fn(),
    addOverride: jest.fn(async () => {}),
    replaySlo: jest.fn(),
    exportOpenSlo: jest.fn(async () => new Blob(['apiVersion: openslo/v1\n'])),
    deleteOverride: jest.fn(async () => {}),
    getDeployGate: jest.fn(async () => ({
      allowed: true,
      reasons: ['No SLO has exhausted its error budget.'],
      freezePolicy: true,
    })),
    ...overrides,
  } as jest.Mocked<ReliabilityApi>;
}

/** The error the client throws for a refusal, as the backend would send it. */
export function responseError(
  status: number,
  message: string,
): Promise<ResponseError> {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'Error', message },
        response: { statusCode: status },
      }),
      { status, headers: { 'Content-Type': 'application/json' } },
    ) as any,
  );
}
