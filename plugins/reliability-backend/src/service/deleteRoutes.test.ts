import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { auditRecorder } from '../__testUtils__/auditRecorder';
import request from '../__testUtils__/specCheckedRequest';
import { reliabilityPlugin } from '../plugin';

const OWNER = 'user:default/ana';
const SRE = 'user:default/gita';
/** A member of another team. */
const OTHER = 'user:default/olga';
const DAY = 86_400_000;

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'reliability-deletes-'));
fs.writeFileSync(
  path.join(folder, 'slos.yaml'),
  `apiVersion: openslo/v1
kind: SLO
metadata:
  name: catalog-latency
spec:
  indicator:
    spec:
      ratioMetric:
        good: { metricSource: { type: Prometheus } }
        total: { metricSource: { type: Prometheus } }
  timeWindow:
    - duration: 30d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - target: 0.99
`,
);

const component = (
  name: string,
  annotations: Record<string, string>,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: {
      'backstage.io/managed-by-location': `file:${path.join(
        folder,
        'catalog-info.yaml',
      )}`,
      ...annotations,
    },
  },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:default/payments',
  },
});
const user = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: { memberOf: [] },
});
const group = (name: string, members: string[]): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [] },
  relations: members.map(m => ({
    type: 'hasMember',
    targetRef: `user:default/${m}`,
  })),
});
const entities = [
  component('checkout', {
    'reliability/tier': 'tier-0',
    'reliability/slos': './slos.yaml',
  }),
  component('ledger', { 'reliability/tier': 'tier-1' }),
  user('ana'),
  user('gita'),
  user('olga'),
  group('payments', ['ana']),
  group('billing', ['olga']),
];

const APPROVALS = [
  'reliability.budget-exception.approve',
  'reliability.readiness.approve',
];

/**
 * The owner manages but does not approve, the SRE does everything, the
 * member of another team only reads; service principals are allowed (as
 * Backstage's permission client does; person-only permissions are refused
 * before the policy is asked).
 */
const decide = (
  permission: { name: string },
  credentials?: BackstageCredentials,
) => {
  const principal = credentials?.principal as
    | { type: string; userEntityRef?: string }
    | undefined;
  const who = principal?.userEntityRef;
  let allowed = true;
  if (principal?.type === 'user') {
    if (who === OTHER) allowed = permission.name === 'reliability.entity.read';
    else if (who === OWNER) allowed = !APPROVALS.includes(permission.name);
  }
  return { result: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
};
const permissions = mockServices.permissions.mock({
  authorize: (async (
    requests: Array<{ permission: { name: string } }>,
    options?: { credentials?: BackstageCredentials },
  ) => requests.map(r => decide(r.permission, options?.credentials))) as any,
  authorizeConditional: (async (
    requests: Array<{ permission: { name: string } }>,
    options?: { credentials?: BackstageCredentials },
  ) => requests.map(r => decide(r.permission, options?.credentials))) as any,
});

const audit = auditRecorder();
const owner = mockCredentials.user.header(OWNER);
const sre = mockCredentials.user.header(SRE);
const other = mockCredentials.user.header(OTHER);
const service = mockCredentials.service.header();
const v1 = '/api/reliability/v1';
const checkout = `${v1}/entities/component/default/checkout`;
const iso = (ms: number) => new Date(ms).toISOString();

const sloSpec = {
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

describe('delete routes', () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  beforeAll(async () => {
    ({ server } = await startTestBackend({
      features: [
        reliabilityPlugin,
        catalogServiceMock.factory({ entities }),
        permissions.factory,
        audit.factory,
        mockServices.scheduler.factory({
          includeInitialDelayedTasksOnStartup: true,
        }),
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
      ],
    }));
  });

  const del = (url: string, who?: string, ifMatch?: string) => {
    let req = request(server).delete(url);
    if (who) req = req.set('Authorization', who);
    if (ifMatch !== undefined) req = req.set('If-Match', ifMatch);
    return req;
  };
  const get = (url: string, who = sre) =>
    request(server).get(url).set('Authorization', who);
  /** The entity's stored overview row: what the summaries say now. */
  const rowOf = async (name: string) =>
    (await get(`${v1}/overview`)).body.items.find(
      (row: { name: string }) => row.name === name,
    );

  /** Ten deletes at once with the same If-Match: their statuses. */
  const tenDeletes = (url: string, who: string, ifMatch?: string) =>
    Promise.all(
      Array.from({ length: 10 }, () =>
        del(url, who, ifMatch).then(r => r.status),
      ),
    );

  /** Status and message of each refusal, in order. */
  async function refusals(
    cases: Array<[Promise<{ status: number; body: any }>, number, string]>,
  ) {
    for (const [pending, status, message] of cases) {
      const res = await pending;
      expect({ status: res.status, message: res.body?.error?.message }).toEqual(
        { status, message: expect.stringContaining(message) },
      );
    }
  }

  it('deletes an API-created SLO once, refusing catalog SLOs, stale versions and outsiders', async () => {
    const url = `${checkout}/slos/api-availability`;
    const created = await request(server)
      .put(url)
      .set('Authorization', owner)
      .send(sloSpec);
    expect(created.status).toBe(201);
    expect((await rowOf('checkout')).sloCount).toBe(2);
    await refusals([
      [del(url, undefined, '"1"'), 401, ''],
      [del(url, other, '"1"'), 403, "'reliability.slo.manage'"],
      [del(`${checkout}/slos/Bad_Name`, owner, '"1"'), 400, "'sloName'"],
      [del(`${url}?force=true`, owner, '"1"'), 400, "'force'"],
      [del(url, owner, 'v1'), 400, 'If-Match'],
      [del(url, owner), 409, 'Send If-Match: "1"'],
      [
        del(`${checkout}/slos/catalog-latency`, owner, '"1"'),
        409,
        'managed in the catalog (its OpenSLO file)',
      ],
      [del(`${checkout}/slos/nothing`, owner, '"1"'), 404, "No SLO 'nothing'"],
      [del(url, owner, '"7"'), 412, 'at version 1, not 7'],
    ]);
    expect(audit.succeeded('slo-delete')).toEqual([]);

    const statuses = await tenDeletes(url, owner, '"1"');
    expect(statuses.filter(s => s === 204)).toHaveLength(1);
    expect(statuses.filter(s => s !== 204 && s !== 404 && s !== 412)).toEqual(
      [],
    );
    expect(audit.succeeded('slo-delete')).toEqual([
      expect.objectContaining({
        meta: {
          entityRef: 'component:default/checkout',
          slo: 'api-availability',
          version: 1,
        },
      }),
    ]);
    const list = await get(`${checkout}/slos`);
    expect(list.body.items.map((s: { name: string }) => s.name)).toEqual([
      'catalog-latency',
    ]);
    const summary = await get(`${checkout}/summary`);
    expect(summary.body.slos.map((s: { name: string }) => s.name)).toEqual([
      'catalog-latency',
    ]);
    expect((await rowOf('checkout')).sloCount).toBe(1);

    // slo.manage is no approval: a token that may manage SLOs may delete.
    await request(server)
      .put(`${checkout}/slos/from-a-script`)
      .set('Authorization', service)
      .send(sloSpec);
    expect(
      (await del(`${checkout}/slos/from-a-script`, service, '"1"')).status,
    ).toBe(204);
  });

  it('revokes a budget exception once, for an approver who is a person', async () => {
    const granted = await request(server)
      .post(`${checkout}/budget-exceptions`)
      .set('Authorization', sre)
      .send({
        reason: 'Ship the fix for the checkout timeouts',
        expiresAt: iso(Date.now() + DAY),
      });
    expect(granted.status).toBe(201);
    const url = `${checkout}/budget-exceptions/${granted.body.id}`;
    await refusals([
      [del(url), 401, ''],
      [del(url, owner), 403, "'reliability.budget-exception.approve'"],
      [del(url, other), 403, "'reliability.budget-exception.approve'"],
      [del(url, service), 403, "is a person's decision"],
      [del(`${checkout}/budget-exceptions/abc`, sre), 400, "'id'"],
      [del(`${url}?now=1`, sre), 400, "'now'"],
      [del(url, sre, 'latest'), 400, 'If-Match'],
      [
        del(
          `${v1}/entities/component/default/ledger/budget-exceptions/${granted.body.id}`,
          sre,
        ),
        404,
        `No budget exception ${granted.body.id} on component:default/ledger`,
      ],
    ]);
    expect(audit.succeeded('budget-exception-revoke')).toEqual([]);

    const statuses = await tenDeletes(url, sre);
    expect(statuses.filter(s => s === 204)).toHaveLength(1);
    expect(statuses.filter(s => s !== 204 && s !== 404)).toEqual([]);
    expect(audit.succeeded('budget-exception-revoke')).toEqual([
      expect.objectContaining({
        meta: {
          entityRef: 'component:default/checkout',
          id: String(granted.body.id),
        },
      }),
    ]);
    expect((await get(`${checkout}/budget-exceptions`)).body.items).toEqual([]);
  });

  it('deletes an incident once with its postmortem, keeps its actions, and stops counting it', async () => {
    const now = Date.now();
    const created = await request(server)
      .post(`${v1}/incidents`)
      .set('Authorization', owner)
      .send({
        title: 'Checkout down',
        severity: 'SEV1',
        entityRefs: ['component:default/checkout'],
        startedAt: iso(now - 20 * DAY - 3_600_000),
        acknowledgedAt: iso(now - 20 * DAY - 3_000_000),
        resolvedAt: iso(now - 20 * DAY),
      });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const url = `${v1}/incidents/${id}`;
    await request(server)
      .put(`${url}/postmortem`)
      .set('Authorization', owner)
      .send({ status: 'draft' });
    const action = await request(server)
      .post(`${v1}/actions`)
      .set('Authorization', owner)
      .send({
        title: 'Add a canary',
        entityRef: 'component:default/checkout',
        incidentId: id,
        owner: OWNER,
        priority: 'P1',
        dueDate: iso(now + 10 * DAY).slice(0, 10),
      });
    expect(action.status).toBe(201);

    // Before: one SEV1 and one late postmortem on the team's scorecard.
    const scorecard = async () => {
      const body = (await get(`${v1}/teams/default/payments/scorecard`)).body;
      return {
        sev1: body.incidentsBySeverity.find(
          (s: { severity: string }) => s.severity === 'SEV1',
        ).incidents,
        postmortems: body.kpis
          .filter((k: { id: string }) => k.id === 'postmortems-on-time')
          .map((k: { numerator: number; denominator: number }) => [
            k.numerator,
            k.denominator,
          ]),
      };
    };
    expect(await scorecard()).toEqual({ sev1: 1, postmortems: [[0, 1]] });

    await refusals([
      [del(url, undefined, '"1"'), 401, ''],
      [del(url, other, '"1"'), 403, "'reliability.incident.manage'"],
      [del(`${v1}/incidents/abc`, owner, '"1"'), 400, "'id'"],
      [del(`${url}?cascade=true`, owner, '"1"'), 400, "'cascade'"],
      [del(url, owner, '"one"'), 400, 'If-Match'],
      [del(url, owner), 409, `Send If-Match: "1"`],
      [del(`${v1}/incidents/999999`, owner, '"1"'), 404, 'No incident 999999'],
      [del(url, owner, '"3"'), 412, 'at version 1, not 3'],
    ]);
    expect(audit.succeeded('incident-delete')).toEqual([]);

    const statuses = await tenDeletes(url, owner, '"1"');
    expect(statuses.filter(s => s === 204)).toHaveLength(1);
    expect(statuses.filter(s => s !== 204 && s !== 404 && s !== 412)).toEqual(
      [],
    );
    expect(audit.succeeded('incident-delete')).toEqual([
      expect.objectContaining({
        meta: {
          incident: id,
          entityRefs: ['component:default/checkout'],
          title: 'Checkout down',
          severity: 'SEV1',
          startedAt: iso(now - 20 * DAY - 3_600_000),
          resolvedAt: iso(now - 20 * DAY),
          externalUrl: null,
          version: 1,
        },
      }),
    ]);
    expect((await get(url)).status).toBe(404);
    expect(
      (await get(`${checkout}/incidents?since=2020-01-01T00:00:00Z`)).body
        .items,
    ).toEqual([]);
    expect(await scorecard()).toEqual({ sev1: 0, postmortems: [[0, 0]] });
    const kept = await get(`${checkout}/actions`);
    expect(kept.body.items).toEqual([
      expect.objectContaining({ id: action.body.id, incidentId: null }),
    ]);
  });

  it('deletes an action once, for its entity manager but not for its assignee alone', async () => {
    const created = await request(server)
      .post(`${v1}/actions`)
      .set('Authorization', owner)
      .send({
        title: 'Billing owns this one',
        entityRef: 'component:default/ledger',
        owner: OTHER,
        priority: 'P2',
        dueDate: iso(Date.now() + 5 * DAY).slice(0, 10),
      });
    expect(created.status).toBe(201);
    const url = `${v1}/actions/${created.body.id}`;
    const ledger = `${v1}/entities/component/default/ledger`;
    expect((await get(`${ledger}/summary`)).body.actions.open).toBe(1);
    expect((await rowOf('ledger')).openActions).toBe(1);
    await refusals([
      [del(url, undefined, '"1"'), 401, ''],
      // Its assignee, from another team, may move its status only.
      [del(url, other, '"1"'), 403, "'reliability.action.manage'"],
      [del(`${v1}/actions/-1`, owner, '"1"'), 400, "'id'"],
      [del(`${url}?id=1`, owner, '"1"'), 400, "'id'"],
      [del(url, owner, '*'), 400, 'If-Match'],
      [del(url, owner), 409, 'Send If-Match: "1"'],
      [del(`${v1}/actions/999999`, owner, '"1"'), 404, 'No action 999999'],
      [del(url, owner, '"2"'), 412, 'at version 1, not 2'],
    ]);
    expect(audit.succeeded('action-delete')).toEqual([]);

    const statuses = await tenDeletes(url, owner, '"1"');
    expect(statuses.filter(s => s === 204)).toHaveLength(1);
    expect(statuses.filter(s => s !== 204 && s !== 404 && s !== 412)).toEqual(
      [],
    );
    expect(audit.succeeded('action-delete')).toEqual([
      expect.objectContaining({
        meta: expect.objectContaining({
          action: created.body.id,
          entityRef: 'component:default/ledger',
          version: 1,
        }),
      }),
    ]);
    expect((await get(`${ledger}/actions?status=all`)).body.items).toEqual([]);
    expect((await get(`${ledger}/summary`)).body.actions.open).toBe(0);
    expect((await rowOf('ledger')).openActions).toBe(0);

    // action.manage is no approval: a token that may manage actions may delete.
    const scripted = await request(server)
      .post(`${v1}/actions`)
      .set('Authorization', service)
      .send({
        title: 'From a script',
        entityRef: 'component:default/ledger',
        owner: OWNER,
        priority: 'P3',
        dueDate: iso(Date.now() + 5 * DAY).slice(0, 10),
      });
    expect(
      (await del(`${v1}/actions/${scripted.body.id}`, service, '"1"')).status,
    ).toBe(204);
  });

  it('revokes a waiver once, for an approver who is a person, and the item fails again', async () => {
    const waived = await request(server)
      .post(`${checkout}/readiness/waivers`)
      .set('Authorization', sre)
      .send({
        itemId: 'runbook',
        reason: 'Runbook is being rewritten',
        expiresAt: iso(Date.now() + 7 * DAY),
      });
    expect(waived.status).toBe(201);
    const statusOf = async () =>
      (await get(`${checkout}/readiness`)).body.items.find(
        (i: { id: string }) => i.id === 'runbook',
      ).status;
    expect(await statusOf()).toBe('waived');
    const scoreWaived = (await rowOf('checkout')).readinessScore;
    const url = `${checkout}/readiness/waivers/${waived.body.id}`;
    await refusals([
      [del(url), 401, ''],
      [del(url, owner), 403, "'reliability.readiness.approve'"],
      [del(url, other), 403, "'reliability.readiness.approve'"],
      [del(url, service), 403, "is a person's decision"],
      [del(`${checkout}/readiness/waivers/x1`, sre), 400, "'id'"],
      [del(`${url}?all=true`, sre), 400, "'all'"],
      [del(url, sre, 'one'), 400, 'If-Match'],
      [
        del(
          `${v1}/entities/component/default/ledger/readiness/waivers/${waived.body.id}`,
          sre,
        ),
        404,
        `No waiver ${waived.body.id} on component:default/ledger`,
      ],
    ]);
    expect(audit.succeeded('readiness-waiver-revoke')).toEqual([]);

    const statuses = await tenDeletes(url, sre);
    expect(statuses.filter(s => s === 204)).toHaveLength(1);
    expect(statuses.filter(s => s !== 204 && s !== 404)).toEqual([]);
    expect(audit.succeeded('readiness-waiver-revoke')).toEqual([
      expect.objectContaining({
        meta: {
          entityRef: 'component:default/checkout',
          waiver: waived.body.id,
        },
      }),
    ]);
    expect(await statusOf()).not.toBe('waived');
    expect((await rowOf('checkout')).readinessScore).toBeLessThan(scoreWaived);
  });
});
