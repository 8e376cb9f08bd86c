import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  ReliabilityDataConnection,
  reliabilityDataExtensionPoint,
} from '@reliability-suite/plugin-reliability-node';
import request from '../__testUtils__/specCheckedRequest';
import { reliabilityPlugin } from '../plugin';

jest.setTimeout(60_000);

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'checkout',
      namespace: 'default',
      annotations: { 'reliability/tier': 'tier-1' },
    },
    spec: { type: 'service', owner: 'group:default/payments' },
  },
  {
    apiVersion: 'backstage.io/v1',
    kind: 'Group',
    metadata: { name: 'payments', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
  {
    apiVersion: 'backstage.io/v1',
    kind: 'User',
    metadata: { name: 'ana', namespace: 'default' },
    spec: { memberOf: ['payments'] },
  },
];

/**
 * The plugin with one provider that keeps its connection, an auditor that
 * records what it is told, and the API to read the results back.
 */
async function start() {
  let connection: ReliabilityDataConnection | undefined;
  const provider = createBackendModule({
    pluginId: 'reliability',
    moduleId: 'test-import',
    register(reg) {
      reg.registerInit({
        deps: { data: reliabilityDataExtensionPoint },
        async init({ data }) {
          data.addProvider({
            getProviderName: () => 'test-import',
            connect: async c => {
              connection = c;
            },
          });
        },
      });
    },
  });
  const auditor = mockServices.auditor.mock();
  const events: Array<{ eventId: string; meta: unknown; outcome?: string }> =
    [];
  auditor.createEvent.mockImplementation(async ({ eventId, meta }) => {
    const event: (typeof events)[number] = { eventId, meta };
    events.push(event);
    return {
      success: async () => {
        event.outcome = 'success';
      },
      fail: async () => {
        event.outcome = 'fail';
      },
    };
  });
  const { server } = await startTestBackend({
    features: [
      reliabilityPlugin,
      provider,
      auditor.factory,
      catalogServiceMock.factory({ entities }),
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
    ],
  });
  const get = async (url: string) =>
    (
      await request(server)
        .get(`/api/reliability${url}`)
        .set('Authorization', mockCredentials.user.header('user:default/ana'))
    ).body;
  return { connection: connection!, events, get, server };
}

const slo = { entityRef: 'component:default/checkout', slo: 'availability' };

/** 99 % of events good over a rolling 28 days, defined through the API. */
const availabilitySpec = {
  indicator: {
    spec: {
      ratioMetric: {
        good: { metricSource: { type: 'api' } },
        total: { metricSource: { type: 'api' } },
      },
    },
  },
  timeWindow: [{ duration: '28d', isRolling: true }],
  budgetingMethod: 'Occurrences',
  objectives: [{ target: 0.99 }],
};

describe('DefaultReliabilityDataConnection', () => {
  it('is connected once, before the plugin serves, with the provider named in audit events', async () => {
    const { connection, events } = await start();
    expect(connection).toBeDefined();
    await connection.incidents.createIncident(
      {
        title: 'Checkout slow',
        severity: 'SEV2',
        entityRefs: ['component:default/checkout'],
        startedAt: '2026-11-20T10:00:00Z',
        resolvedAt: '2026-11-20T11:00:00Z',
      },
      { actor: 'user:default/ana', at: new Date('2026-11-20T12:00:00Z') },
    );
    expect(events).toEqual([
      {
        eventId: 'incident-create',
        meta: {
          entityRefs: ['component:default/checkout'],
          severity: 'SEV2',
          provider: 'test-import',
        },
        outcome: 'success',
      },
    ]);
  });

  it('writes records with their own times, readable through the API', async () => {
    const { connection, get } = await start();
    const incident = await connection.incidents.createIncident(
      {
        title: 'Checkout down',
        severity: 'SEV1',
        entityRefs: ['Component:default/Checkout'],
        startedAt: '2026-11-01T10:00:00Z',
        mitigatedAt: '2026-11-01T10:30:00Z',
      },
      { actor: 'user:default/ana', at: new Date('2026-11-01T11:00:00Z') },
    );
    await connection.incidents.putPostmortem(
      incident.id,
      { status: 'published', documentUrl: 'https://docs.example/pm/1' },
      { actor: 'user:default/ana', at: new Date('2026-11-04T09:00:00Z') },
    );
    const action = await connection.incidents.createAction(
      {
        title: 'Add a canary',
        entityRef: 'component:default/checkout',
        owner: 'group:default/payments',
        priority: 'P1',
        dueDate: '2026-11-20',
        incidentId: incident.id,
      },
      { actor: 'user:default/ana', at: new Date('2026-11-02T09:00:00Z') },
    );
    await connection.incidents.setActionStatus(action, 'done', {
      actor: 'user:default/ana',
      at: new Date('2026-11-10T09:00:00Z'),
    });

    const { items } = await get(
      '/v1/entities/component/default/checkout/incidents?since=2026-10-01T00:00:00Z',
    );
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      title: 'Checkout down',
      startedAt: '2026-11-01T10:00:00.000Z',
      postmortem: {
        status: 'published',
        publishedAt: '2026-11-04T09:00:00.000Z',
      },
    });
    const actions = await get(
      '/v1/entities/component/default/checkout/actions?status=all',
    );
    expect(actions.items).toMatchObject([
      { title: 'Add a canary', status: 'done', version: 2 },
    ]);
  });

  it('refuses bad input as the API does, naming the field, and writes nothing', async () => {
    const { connection, events, get } = await start();
    const by = {
      actor: 'user:default/ana',
      at: new Date('2026-11-20T12:00:00Z'),
    };
    await expect(
      connection.incidents.createIncident(
        {
          title: 'Bad',
          severity: 'SEV9',
          entityRefs: ['component:default/checkout'],
          startedAt: '2026-11-20T10:00:00Z',
        },
        by,
      ),
    ).rejects.toThrow("Invalid request body 'severity'");
    await expect(
      connection.incidents.createIncident(
        {
          title: 'Out of order',
          severity: 'SEV2',
          entityRefs: ['component:default/checkout'],
          startedAt: '2026-11-20T10:00:00Z',
          resolvedAt: '2026-11-20T09:00:00Z',
        },
        by,
      ),
    ).rejects.toThrow(/resolvedAt/);
    await expect(
      connection.incidents.createIncident(
        {
          title: 'Nowhere',
          severity: 'SEV2',
          entityRefs: ['component:default/missing'],
          startedAt: '2026-11-20T10:00:00Z',
        },
        by,
      ),
    ).rejects.toThrow("No entity 'component:default/missing' in the catalog");
    await expect(
      connection.incidents.createAction(
        {
          title: 'Too late',
          entityRef: 'component:default/checkout',
          owner: 'group:default/payments',
          priority: 'P1',
          dueDate: '2026-11-19',
        },
        by,
      ),
    ).rejects.toThrow(
      "Invalid request body 'dueDate': 2026-11-19 is before the action's creation",
    );
    await expect(
      connection.onCall.putRotation(
        'payments',
        {
          name: 'Payments',
          team: 'group:default/payments',
          timeZone: 'Nowhere/Land',
          handoffAnchor: '2026-11-02T09:00',
          shiftLength: 'P1W',
          levels: [{ users: ['user:default/ana'] }],
        },
        by,
      ),
    ).rejects.toThrow("Invalid request body 'timeZone'");
    await expect(
      connection.slis.writeMinutes(
        { entityRef: 'component:default/checkout', slo: 'none' },
        [{ start: 0, good: 1, total: 1 }],
        by.at,
      ),
    ).rejects.toThrow("No SLO 'none'");

    // Validation fails before any audit event: nothing was attempted.
    expect(events).toEqual([]);
    expect(
      (
        await get(
          '/v1/entities/component/default/checkout/incidents?since=2026-01-01T00:00:00Z',
        )
      ).items,
    ).toEqual([]);
    expect((await get('/v1/rotations')).items).toEqual([]);
  });

  it('loads SLI history into an empty SLO only, then tops it up', async () => {
    const { connection, get, events, server } = await start();
    expect(await connection.slis.newestMinute(slo)).toBeUndefined();
    const put = await request(server)
      .put(
        '/api/reliability/v1/entities/component/default/checkout/slos/availability',
      )
      .set('Authorization', mockCredentials.user.header('user:default/ana'))
      .send(availabilitySpec);
    expect(put.status).toBe(201);
    expect(await connection.slis.newestMinute(slo)).toBeNull();

    const now = Math.floor(Date.now() / MINUTE) * MINUTE;
    // 100 minutes ten days ago at 99/100, 60 minutes an hour ago at 100/100:
    // good 9,900 + 6,000 of 16,000 = 0.99375.
    const history = [
      ...Array.from({ length: 100 }, (_, i) => ({
        start: now - 10 * DAY + i * MINUTE,
        good: 99,
        total: 100,
      })),
      ...Array.from({ length: 60 }, (_, i) => ({
        start: now - 60 * MINUTE + i * MINUTE,
        good: 100,
        total: 100,
      })),
    ];
    await connection.slis.loadHistory(slo, history, new Date(now));
    const status = `/v1/entities/component/default/checkout/slos/availability/status`;
    expect((await get(status)).attainment).toBeCloseTo(15_900 / 16_000, 12);
    expect(await connection.slis.newestMinute(slo)).toBe(now - MINUTE);

    await expect(
      connection.slis.loadHistory(slo, history, new Date(now)),
    ).rejects.toThrow(
      "SLO 'availability' of component:default/checkout has measurements already",
    );

    // A minute of 0/100 now: 15,900 of 16,100.
    await connection.slis.writeMinutes(
      slo,
      [{ start: now, good: 0, total: 100 }],
      new Date(now),
    );
    expect((await get(status)).attainment).toBeCloseTo(15_900 / 16_100, 12);
    // Recent minutes only: older ones go through history.
    await expect(
      connection.slis.writeMinutes(
        slo,
        [{ start: now - 5 * DAY, good: 1, total: 1 }],
        new Date(now),
      ),
    ).rejects.toThrow('is older than 4 days');
    await expect(
      connection.slis.writeMinutes(
        slo,
        [{ start: now, good: 2, total: 1 }],
        new Date(now),
      ),
    ).rejects.toThrow("'measurements.0.good': must not exceed total");
    expect((await get(status)).attainment).toBeCloseTo(15_900 / 16_100, 12);

    expect(
      events
        .filter(e => e.eventId.startsWith('slo-'))
        .map(e => [e.eventId, e.outcome]),
    ).toEqual([
      ['slo-upsert', 'success'],
      ['slo-history-load', 'success'],
      ['slo-history-load', 'fail'],
      ['slo-measurements', 'success'],
      ['slo-measurements', 'fail'],
    ]);
  });

  it('applies the readiness rules to provider writes', async () => {
    const { connection } = await start();
    const at = new Date();
    const by = (actor: string) => ({ actor, at });
    await expect(
      connection.readiness.attest(
        'component:default/checkout',
        { itemId: 'made-up', evidenceUrl: 'https://wiki.example/x' },
        by('user:default/ana'),
      ),
    ).rejects.toThrow(
      "Invalid request body 'itemId': 'made-up' is not an item of this entity's readiness template",
    );
    const review = await connection.readiness.requestReview(
      'component:default/checkout',
      {},
      by('user:default/ana'),
    );
    await expect(
      connection.readiness.decideReview(
        review.id,
        { decision: 'approve' },
        by('user:default/ana'),
      ),
    ).rejects.toThrow('Nobody decides their own review request');
    // No SLO, no rotation: required items fail.
    await expect(
      connection.readiness.decideReview(
        review.id,
        { decision: 'approve' },
        by('user:default/gita'),
      ),
    ).rejects.toThrow('Cannot approve: required items fail and are not waived');
    await connection.readiness.decideReview(
      review.id,
      { decision: 'reject', comment: 'Not yet.' },
      by('user:default/gita'),
    );
    expect(await connection.readiness.hasReviews()).toBe(true);
  });

  it('loads team history only before the first stored day', async () => {
    const { connection } = await start();
    const snapshot = (day: string, value: number) => ({
      teamRef: 'Group:default/Payments',
      day,
      values: { 'slo-coverage': value },
      computedAt: new Date(`${day}T12:00:00Z`),
    });
    await connection.teams.loadHistory([
      snapshot('2026-11-20', 0.5),
      snapshot('2026-11-21', 0.6),
    ]);
    await expect(
      connection.teams.loadHistory([
        snapshot('2026-11-19', 0.4),
        snapshot('2026-11-21', 0.9),
      ]),
    ).rejects.toThrow(
      'Invalid snapshot [1].day: group:default/payments has snapshots from 2026-11-20 on',
    );
    await expect(
      connection.teams.loadHistory([snapshot('21.11.2026', 0.9)]),
    ).rejects.toThrow('Invalid snapshot [0].day: must be a date');
    const stored = await connection.teams.listSnapshots(
      'group:default/payments',
      '2026-01-01',
    );
    // Nothing of the refused batches was written.
    expect(stored.map(s => [s.day, s.values['slo-coverage']])).toEqual([
      ['2026-11-20', 0.5],
      ['2026-11-21', 0.6],
    ]);
  });
});
