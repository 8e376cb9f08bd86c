import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { auditRecorder } from '../__testUtils__/auditRecorder';
import request from '../__testUtils__/specCheckedRequest';
import { testDatabaseIds } from '../database/__testUtils__/testDatabaseIds';
import { reliabilityPlugin } from '../plugin';

jest.setTimeout(60_000);

const DAY = 86_400_000;
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
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'gita', namespace: 'default' },
    spec: { memberOf: ['payments'] },
  },
];
/** The SRE, allowed everything: only the race decides here. */
const sre = mockCredentials.user.header('user:default/gita');
const v1 = '/api/reliability/v1';
const checkout = `${v1}/entities/component/default/checkout`;
const iso = (ms: number) => new Date(ms).toISOString();

const databases = TestDatabases.create({
  ids: testDatabaseIds,
  disableDocker: true,
});

/**
 * Ten DELETEs at once with the same If-Match, through the whole stack on
 * each database: every request may pass the route's existence check
 * before any of them deletes, so only the store's single compare-and-delete
 * statement, and the services' reading of its answer, leave one winner.
 */
describe.each(databases.eachSupportedId())(
  'concurrent deletes on %s',
  databaseId => {
    it('answers 204 to exactly one of ten deletes of each kind, with one successful audit event each', async () => {
      const audit = auditRecorder();
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
          audit.factory,
          mockServices.database.factory({
            knex: await databases.init(databaseId),
          }),
          mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
          mockServices.httpAuth.factory({
            defaultCredentials: mockCredentials.none(),
          }),
        ],
      });
      const create = async (
        method: 'put' | 'post',
        url: string,
        body: object,
      ) => {
        const res = await request(server)
          [method](url)
          .set('Authorization', sre)
          .send(body);
        expect(res.status).toBe(201);
        return res.body;
      };
      await create('put', `${checkout}/slos/availability`, {
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
      });
      const exception = await create('post', `${checkout}/budget-exceptions`, {
        reason: 'Ship the fix for the checkout timeouts',
        expiresAt: iso(Date.now() + DAY),
      });
      const incident = await create('post', `${v1}/incidents`, {
        title: 'Checkout down',
        severity: 'SEV2',
        entityRefs: ['component:default/checkout'],
        startedAt: iso(Date.now() - DAY),
      });
      const action = await create('post', `${v1}/actions`, {
        title: 'Add a canary',
        entityRef: 'component:default/checkout',
        owner: 'user:default/gita',
        priority: 'P2',
        dueDate: iso(Date.now() + 5 * DAY).slice(0, 10),
      });
      const waiver = await create('post', `${checkout}/readiness/waivers`, {
        itemId: 'runbook',
        reason: 'Runbook is being rewritten',
        expiresAt: iso(Date.now() + 7 * DAY),
      });

      const cases: Array<[event: string, url: string, ifMatch?: string]> = [
        ['slo-delete', `${checkout}/slos/availability`, '"1"'],
        [
          'budget-exception-revoke',
          `${checkout}/budget-exceptions/${exception.id}`,
        ],
        ['incident-delete', `${v1}/incidents/${incident.id}`, '"1"'],
        ['action-delete', `${v1}/actions/${action.id}`, '"1"'],
        [
          'readiness-waiver-revoke',
          `${checkout}/readiness/waivers/${waiver.id}`,
        ],
      ];
      const outcomes: Record<
        string,
        { won: number; others: number[]; audited: number }
      > = {};
      for (const [event, url, ifMatch] of cases) {
        const statuses = await Promise.all(
          Array.from({ length: 10 }, () => {
            const req = request(server).delete(url).set('Authorization', sre);
            return (ifMatch ? req.set('If-Match', ifMatch) : req).then(
              r => r.status,
            );
          }),
        );
        outcomes[event] = {
          won: statuses.filter(s => s === 204).length,
          others: [
            ...new Set(
              statuses.filter(s => s !== 204 && s !== 404 && s !== 412),
            ),
          ],
          audited: audit.succeeded(event).length,
        };
      }
      expect(outcomes).toEqual(
        Object.fromEntries(
          cases.map(([event]) => [event, { won: 1, others: [], audited: 1 }]),
        ),
      );
    });
  },
);
