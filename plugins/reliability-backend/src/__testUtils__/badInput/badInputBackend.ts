import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import createKnex, { Knex } from 'knex';
import request from 'supertest';
import { reliabilityPlugin } from '../../plugin';

const DAY = 86_400_000;

const user = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: { memberOf: ['payments'] },
});

/** A tier-1 service of the payments team, its people and an SRE. */
const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'checkout',
      namespace: 'default',
      annotations: { 'reliability/tier': 'tier-1' },
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/payments',
    },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'payments', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
  user('ana'),
  user('bruno'),
  user('gita'),
];

/** Ana owns checkout; Gita is the SRE who decides reviews Ana requests. */
export const ANA = mockCredentials.user.header('user:default/ana');
export const GITA = mockCredentials.user.header('user:default/gita');

/** The entity routes' base path. */
export const CHECKOUT =
  '/api/reliability/v1/entities/component/default/checkout';

/** An instant `days` from now, as the API takes it (whole seconds, UTC). */
export const isoIn = (days: number) =>
  new Date(Math.floor((Date.now() + days * DAY) / 1000) * 1000)
    .toISOString()
    .replace('.000Z', 'Z');

/**
 * The whole hour `days` from now plus `minutes`, as the API takes it: the
 * history route wants whole hours at ages the rollup keeps per hour.
 */
export const hourIn = (days: number, minutes = 0) =>
  new Date(
    Math.floor((Date.now() + days * DAY) / 3_600_000) * 3_600_000 +
      minutes * 60_000,
  )
    .toISOString()
    .replace('.000Z', 'Z');

/** A local date `days` from today (UTC; the backend runs in UTC here). */
export const dateIn = (days: number) =>
  new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

/** The OpenSLO spec every SLO of the suite starts from. */
export const sloSpec = {
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
  objectives: [{ target: 0.999 }],
};

/** The rotation the cases change. */
export const rotationBody = {
  name: 'Payments primary',
  team: 'group:default/payments',
  timeZone: 'Europe/Berlin',
  handoffAnchor: '2026-03-02T09:00',
  shiftLength: 'P1W',
  levels: [{ users: ['user:default/ana', 'user:default/bruno'] }],
};

/** What the seeded resources are called in paths. */
export interface Seeded {
  incidentId: number;
  actionId: number;
  reviewId: number;
  attestationId: number;
  overrideId: number;
  budgetExceptionId: number;
  waiverId: number;
}

/**
 * The real plugin over HTTP on an SQLite database the test can read, with
 * every permission allowed (bad input must be refused for the input, not
 * for the caller), and one of every resource created through the API.
 */
export async function startBadInputBackend() {
  // The plugin's database, which the test reads directly to prove that
  // nothing changed.
  const knex = createKnex({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
  const permissions = mockServices.permissions.mock({
    authorize: (async (requests: unknown[]) =>
      requests.map(() => ({ result: AuthorizeResult.ALLOW }))) as any,
    authorizeConditional: (async (requests: unknown[]) =>
      requests.map(() => ({ result: AuthorizeResult.ALLOW }))) as any,
  });
  const { server } = await startTestBackend({
    features: [
      reliabilityPlugin,
      catalogServiceMock.factory({ entities }),
      permissions.factory,
      mockServices.database.factory({ knex }),
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
    ],
  });
  const seeded = await seed(server);
  return { server, knex, seeded, stop: () => knex.destroy() };
}

async function seed(server: any): Promise<Seeded> {
  const send = async (
    method: 'put' | 'post',
    path: string,
    body: object,
    who = ANA,
  ) => {
    const res = await request(server)
      [method](path)
      .set('authorization', who)
      .send(body);
    if (res.status >= 300) {
      throw new Error(`${method} ${path}: ${res.status} ${res.text}`);
    }
    return res.body;
  };
  await send('put', `${CHECKOUT}/slos/availability`, sloSpec);
  await send('post', `${CHECKOUT}/slos/availability/measurements`, [
    { timestamp: isoIn(-0.01), good: 99, total: 100 },
  ]);
  const incident = await send('post', '/api/reliability/v1/incidents', {
    title: 'Checkout 5xx after deploy',
    severity: 'SEV2',
    entityRefs: ['component:default/checkout'],
    startedAt: isoIn(-2),
    mitigatedAt: isoIn(-1.9),
  });
  await send('put', `/api/reliability/v1/incidents/${incident.id}/postmortem`, {
    status: 'draft',
  });
  const action = await send('post', '/api/reliability/v1/actions', {
    title: 'Add a canary',
    entityRef: 'component:default/checkout',
    owner: 'user:default/ana',
    priority: 'P1',
    dueDate: dateIn(14),
  });
  await send(
    'put',
    '/api/reliability/v1/rotations/payments-primary',
    rotationBody,
  );
  const override = await send(
    'post',
    '/api/reliability/v1/rotations/payments-primary/overrides',
    { start: isoIn(1), end: isoIn(2), user: 'user:default/bruno' },
  );
  const attestation = await send('post', `${CHECKOUT}/readiness/attestations`, {
    itemId: 'rollback',
    evidenceUrl: 'https://wiki.example.com/checkout/rollback',
  });
  const review = await send('post', `${CHECKOUT}/readiness/reviews`, {
    targetLaunchDate: dateIn(30),
  });
  // Approvals: by the SRE, a person.
  const exception = await send(
    'post',
    `${CHECKOUT}/budget-exceptions`,
    { reason: 'Hotfix for the 5xx incident', expiresAt: isoIn(2) },
    GITA,
  );
  const waiver = await send(
    'post',
    `${CHECKOUT}/readiness/waivers`,
    {
      itemId: 'runbook',
      reason: 'Runbook is being rewritten',
      expiresAt: isoIn(20),
    },
    GITA,
  );
  return {
    incidentId: incident.id,
    actionId: action.id,
    reviewId: review.id,
    attestationId: attestation.id,
    overrideId: override.id,
    budgetExceptionId: exception.id,
    waiverId: waiver.id,
  };
}

/**
 * Every row of every table of the plugin, in a fixed order: two equal
 * snapshots mean nothing was written between them.
 */
export async function snapshotDatabase(knex: Knex): Promise<string> {
  const tables: Array<{ name: string }> = await knex('sqlite_master')
    .where({ type: 'table' })
    .whereNot('name', 'like', 'sqlite_%')
    .whereNot('name', 'like', 'knex_migrations%')
    .orderBy('name')
    .select('name');
  const dump: Record<string, unknown[]> = {};
  for (const { name } of tables) {
    const rows = await knex(name).select();
    dump[name] = rows.map(row => JSON.stringify(row)).sort();
  }
  return JSON.stringify(dump);
}
