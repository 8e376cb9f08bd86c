import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import reliabilityPlugin from '@reliability-suite/plugin-reliability-backend';
import request from 'supertest';
import { tokenAppConfig } from './__testUtils__/tokenAppConfig';

jest.setTimeout(60_000);

const TOKEN = 'a-long-enough-token';
const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'checkout',
      namespace: 'default',
      annotations: { 'reliability/tier': 'tier-0' },
    },
    spec: { type: 'service', owner: 'group:default/payments' },
  },
];

const spec = {
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

/**
 * The plugin behind Backstage's real auth, HTTP auth and permission
 * services, with app-config.token.yaml as adopters copy it (its permission
 * list replaced when `permissions` is given, as an adopter edits it): what
 * the static token may do is decided by its access restrictions and by the
 * plugin's rule that only people approve, not by a mocked decision.
 */
async function start(permissions?: string[]) {
  const tokenConfig: any = await tokenAppConfig({
    RELIABILITY_API_TOKEN: TOKEN,
  });
  if (permissions) {
    tokenConfig.backend.auth.externalAccess[0].accessRestrictions[0].permission =
      permissions;
  }
  const { server } = await startTestBackend({
    features: [
      reliabilityPlugin,
      authServiceFactory,
      httpAuthServiceFactory,
      permissionsServiceFactory,
      catalogServiceMock.factory({ entities }),
      mockServices.rootConfig.factory({
        data: {
          ...tokenConfig,
          permission: { enabled: true },
        } as any,
      }),
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
    ],
  });
  const base = '/api/reliability/v1/entities/component/default/checkout';
  const send = (
    method: 'get' | 'put' | 'post',
    path: string,
    body?: object,
  ) => {
    const req = request(server)
      [method](`${base}${path}`)
      .set('Authorization', `Bearer ${TOKEN}`);
    return body ? req.send(body) : req;
  };
  return { send, server };
}

const exception = () => ({
  reason: 'A script tries to open the deploy gate',
  expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
});
const minute = () => [
  { timestamp: new Date().toISOString(), good: 99, total: 100 },
];

describe('the static API token through the real auth and permission services', () => {
  it('reads, ingests and records incidents by default; no SLO changes; never approves', async () => {
    const { send, server } = await start();
    expect((await send('get', '/summary')).status).toBe(200);
    // Allowed to ingest: the SLO is simply not there.
    expect(
      (await send('post', '/slos/availability/measurements', minute())).status,
    ).toBe(404);
    const put = await send('put', '/slos/availability', spec);
    expect(put.status).toBe(403);
    expect(put.body.error.message).toContain("'reliability.slo.manage'");
    const approve = await send('post', '/budget-exceptions', exception());
    expect(approve.status).toBe(403);
    expect(approve.body.error.message).toContain("is a person's decision");
    // Without the token: 401.
    const anonymous = await request(server).get(
      '/api/reliability/v1/entities/component/default/checkout/summary',
    );
    expect(anonymous.status).toBe(401);
  });

  it('does what its permission list says, and nothing else', async () => {
    const { send } = await start([
      'reliability.slo.manage',
      'reliability.slo.ingest',
      // Listed, and still refused: only people approve.
      'reliability.budget-exception.approve',
    ]);
    expect((await send('put', '/slos/availability', spec)).status).toBe(201);
    expect(
      (await send('post', '/slos/availability/measurements', minute())).status,
    ).toBe(200);
    // Reads were not listed this time.
    expect((await send('get', '/summary')).status).toBe(403);
    const approve = await send('post', '/budget-exceptions', exception());
    expect(approve.status).toBe(403);
    expect(approve.body.error.message).toContain("is a person's decision");
  });
});
