import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from './__testUtils__/specCheckedRequest';
import { reliabilityPlugin } from './plugin';

const component = (
  name: string,
  annotations: Record<string, string> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:default/payments',
  },
});

const entities = [
  component('checkout', { 'reliability/tier': 'Tier-0' }),
  component('untiered'),
  component('mystery', { 'reliability/tier': 'gold' }),
];

const OUTSIDER = 'user:default/outsider';

/** Lets everyone read except the outsider, like a policy scoped to teams. */
const permissions = mockServices.permissions.mock({
  authorize: (async (
    requests: unknown[],
    options?: { credentials?: BackstageCredentials },
  ) => {
    const principal = options?.credentials?.principal as
      | { userEntityRef?: string }
      | undefined;
    const result =
      principal?.userEntityRef === OUTSIDER
        ? AuthorizeResult.DENY
        : AuthorizeResult.ALLOW;
    return requests.map(() => ({ result }));
  }) as any,
});

async function startBackend(config: object = {}, extraFeatures: any[] = []) {
  const { server } = await startTestBackend({
    features: [
      ...extraFeatures,
      reliabilityPlugin,
      catalogServiceMock.factory({ entities }),
      permissions.factory,
      mockServices.rootConfig.factory({ data: config as any }),
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      // The test backend treats requests without a token as a default user;
      // the real one does not, and neither must these tests.
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
    ],
  });
  return server;
}

const userHeader = mockCredentials.user.header('user:default/ana');
const routes = [
  '/api/reliability/v1/tiers',
  '/api/reliability/v1/entities/component/default/checkout/summary',
  '/api/reliability/v1/openapi.yaml',
];

describe('reliability backend plugin', () => {
  it('answers health without credentials', async () => {
    const server = await startBackend();
    const res = await request(server).get('/api/reliability/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it.each(routes)('answers 401 on %s without credentials', async path => {
    const server = await startBackend();
    const res = await request(server).get(path);
    expect(res.status).toBe(401);
  });

  it.each(routes)('answers 401 on %s with an invalid token', async path => {
    const server = await startBackend();
    const res = await request(server)
      .get(path)
      .set('Authorization', mockCredentials.user.invalidHeader());
    expect(res.status).toBe(401);
  });

  it('serves the default tier policy', async () => {
    const server = await startBackend();
    const res = await request(server)
      .get('/api/reliability/v1/tiers')
      .set('Authorization', userHeader);
    expect(res.status).toBe(200);
    expect(res.body.items.map((t: { id: string }) => t.id)).toEqual([
      'tier-0',
      'tier-1',
      'tier-2',
      'tier-3',
    ]);
    expect(res.body.items[0].requirements.minimumSloTarget).toBe(0.999);
  });

  it('serves a configured tier policy', async () => {
    const server = await startBackend({
      reliability: {
        tiers: [{ id: 'gold', title: 'Gold', minimumSloTarget: 0.9995 }],
      },
    });
    const res = await request(server)
      .get('/api/reliability/v1/tiers')
      .set('Authorization', mockCredentials.service.header());
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      {
        id: 'gold',
        title: 'Gold',
        description: '',
        requirements: {
          minimumSloTarget: 0.9995,
          sloRequired: false,
          oncallRequired: false,
          runbookRequired: false,
          postmortem: null,
          drTestInterval: null,
          errorBudgetPolicy: { onExhaustion: 'none' },
        },
      },
    ]);
  });

  it('summarizes a tiered entity, whatever the casing of the path', async () => {
    const server = await startBackend();
    const res = await request(server)
      .get('/api/reliability/v1/entities/Component/default/checkout/summary')
      .set('Authorization', userHeader);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      entityRef: 'component:default/checkout',
      tier: {
        id: 'tier-0',
        rank: 0,
        title: 'Tier 0 (critical)',
        description: expect.any(String),
        annotationValue: 'Tier-0',
        requirements: expect.objectContaining({
          minimumSloTarget: 0.999,
          sloRequired: true,
          oncallRequired: true,
          runbookRequired: true,
        }),
        since: null,
      },
      slos: [],
      oncall: { rotation: null, source: null, now: null, nextHandoff: null },
      actions: { open: 0, overdue: 0, oldestAgeDays: null },
      readiness: expect.objectContaining({ ready: false, reviewState: null }),
      gaps: [
        expect.objectContaining({ code: 'owner-not-found' }),
        expect.objectContaining({ code: 'no-rotation' }),
        expect.objectContaining({ code: 'slo-required' }),
      ],
      problems: [],
    });
  });

  it('summarizes an untiered entity without problems', async () => {
    const server = await startBackend();
    const res = await request(server)
      .get('/api/reliability/v1/entities/component/default/untiered/summary')
      .set('Authorization', mockCredentials.service.header());
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      entityRef: 'component:default/untiered',
      tier: null,
      slos: [],
      oncall: { rotation: null, source: null, now: null, nextHandoff: null },
      actions: { open: 0, overdue: 0, oldestAgeDays: null },
      readiness: expect.objectContaining({ ready: false, reviewState: null }),
      gaps: [
        expect.objectContaining({ code: 'owner-not-found' }),
        expect.objectContaining({ code: 'no-rotation' }),
        expect.objectContaining({ code: 'no-tier' }),
      ],
      problems: [],
    });
  });

  it('reports an unknown tier as a problem, not an error', async () => {
    const server = await startBackend();
    const res = await request(server)
      .get('/api/reliability/v1/entities/component/default/mystery/summary')
      .set('Authorization', userHeader);
    expect(res.status).toBe(200);
    expect(res.body.tier).toBeNull();
    expect(res.body.problems).toEqual([
      {
        code: 'unknown-tier',
        severity: 'error',
        annotation: 'reliability/tier',
        message:
          "The annotation reliability/tier names the tier 'gold', which the tier policy does not define. Use one of: tier-0, tier-1, tier-2, tier-3.",
      },
    ]);
  });

  it('answers 404 for an entity the catalog does not have', async () => {
    const server = await startBackend();
    const res = await request(server)
      .get('/api/reliability/v1/entities/component/default/nope/summary')
      .set('Authorization', userHeader);
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe(
      "No entity 'component:default/nope' in the catalog",
    );
  });

  it('refuses a user the policy denies', async () => {
    const server = await startBackend();
    for (const path of routes.slice(0, 2)) {
      const res = await request(server)
        .get(path)
        .set('Authorization', mockCredentials.user.header(OUTSIDER));
      expect(res.status).toBe(403);
    }
  });

  it.each([
    [
      '/v1/entities/component/default/bad%20name/summary',
      "Invalid path parameter 'name'",
    ],
    [
      '/v1/entities/1component/default/checkout/summary',
      "Invalid path parameter 'kind'",
    ],
    [
      '/v1/entities/component/-default/checkout/summary',
      "Invalid path parameter 'namespace'",
    ],
    [
      '/v1/entities/component/default/checkout/summary?at=now',
      "Unknown query parameter 'at'",
    ],
    ['/v1/tiers?verbose=1', "Unknown query parameter 'verbose'"],
  ])('rejects bad input on %s', async (path, message) => {
    const server = await startBackend();
    const res = await request(server)
      .get(`/api/reliability${path}`)
      .set('Authorization', userHeader);
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('InputError');
    expect(res.body.error.message).toContain(message);
  });

  it('serves its OpenAPI document', async () => {
    const server = await startBackend();
    const res = await request(server)
      .get('/api/reliability/v1/openapi.yaml')
      .set('Authorization', userHeader);
    expect(res.status).toBe(200);
    expect(res.text).toContain('openapi: 3.1.0');
    expect(res.text).toContain(
      '/v1/entities/{kind}/{namespace}/{name}/summary',
    );
  });

  it('warns at start-up about a token granted an approval or an unknown permission', async () => {
    const logger = mockServices.logger.mock();
    logger.child.mockReturnValue(logger);
    await startBackend(
      {
        backend: {
          auth: {
            externalAccess: [
              {
                type: 'static',
                options: { token: 'a-long-enough-token', subject: 'ci' },
                accessRestrictions: [
                  {
                    plugin: 'reliability',
                    permission: [
                      'reliability.entity.read',
                      'reliability.readiness.approve',
                      'reliability.slo.ingset',
                    ],
                  },
                ],
              },
            ],
          },
        },
      },
      [logger.factory],
    );
    const warnings = logger.warn.mock.calls.map(([message]) => message);
    expect(warnings).toContain(
      "backend.auth.externalAccess: 'reliability.readiness.approve' for 'ci' is a person's decision; the reliability plugin refuses it to every token",
    );
    expect(
      warnings.filter(message =>
        message.startsWith(
          "backend.auth.externalAccess: unknown reliability permission 'reliability.slo.ingset' for 'ci'",
        ),
      ),
    ).toHaveLength(1);
  });

  it('refuses to start with a malformed tier policy, naming the key', async () => {
    await expect(
      startBackend({
        reliability: {
          tiers: [
            { id: 'tier-0', title: 'Tier 0', minimumSloTarget: 0.999 },
            { id: 'tier-1', title: 'Tier 1', minimumSloTarget: 99.5 },
          ],
        },
      }),
    ).rejects.toThrow("'reliability.tiers[1].minimumSloTarget'");
  });
});
