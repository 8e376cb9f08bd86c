import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { reliabilityPlugin } from '../plugin';

const entity = (
  kind: string,
  name: string,
  extra: Partial<Entity> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default' },
  ...extra,
});

/** A tier-0 and a tier-3 service, a user, and a department with a team. */
export const incidentTestEntities = [
  entity('Component', 'checkout-api', {
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
  }),
  entity('Component', 'reports', {
    metadata: {
      name: 'reports',
      namespace: 'default',
      annotations: { 'reliability/tier': 'tier-3' },
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/data',
    },
  }),
  entity('User', 'chen', { spec: { profile: { displayName: 'Chen Wei' } } }),
  entity('Group', 'commerce', {
    spec: { type: 'department', children: ['checkout-team'] },
    relations: [{ type: 'parentOf', targetRef: 'group:default/checkout-team' }],
  }),
  entity('Group', 'checkout-team', { spec: { type: 'team', children: [] } }),
];

const OUTSIDER = 'user:default/outsider';

/** The policy: the outsider and Chen are denied everything, others allowed. */
const permissions = mockServices.permissions.mock({
  authorize: (async (
    requests: unknown[],
    options?: { credentials?: BackstageCredentials },
  ) => {
    const principal = options?.credentials?.principal as {
      userEntityRef?: string;
    };
    return requests.map(() => ({
      result:
        principal?.userEntityRef === OUTSIDER ||
        principal?.userEntityRef === 'user:default/chen'
          ? AuthorizeResult.DENY
          : AuthorizeResult.ALLOW,
    }));
  }) as any,
});

/** Authorization headers of the callers. */
export const callers = {
  /** Allowed everything. */
  owner: mockCredentials.user.header('user:default/ana'),
  /** Denied everything. */
  outsider: mockCredentials.user.header(OUTSIDER),
  /** Denied everything, but owns actions assigned to user:default/chen. */
  chen: mockCredentials.user.header('user:default/chen'),
};

/** An incident on the tier-0 service, resolved on a Friday evening. */
export const fridayIncident = {
  title: 'Checkout 5xx after deploy',
  severity: 'SEV1',
  entityRefs: ['component:default/checkout-api'],
  // Friday 20 November 2026, resolved 18:30 UTC.
  startedAt: '2026-11-20T16:00:00Z',
  detectedAt: '2026-11-20T16:04:00Z',
  acknowledgedAt: '2026-11-20T16:06:00Z',
  mitigatedAt: '2026-11-20T17:00:00Z',
  resolvedAt: '2026-11-20T18:30:00Z',
};

/**
 * A spreadsheet backlog for checkout-api: two new actions, and "Add a
 * canary", which the tests create before importing.
 */
export const backlogCsv = [
  'title,entityRef,owner,priority,dueDate,status,createdAt',
  'Imported: add dashboards,component:default/checkout-api,group:default/checkout-team,P2,2026-10-01,open,2026-09-01',
  '"Imported: retire v1, finally",component:default/checkout-api,user:default/chen,P3,2027-01-15,in-progress,',
  'Add a canary,component:default/checkout-api,user:default/chen,P1,2027-01-01,open,',
].join('\n');

/**
 * The real plugin on an in-memory database, with the catalog above, Berlin
 * time with 26 November 2026 as a holiday, and no default credentials.
 */
export async function startIncidentTestBackend() {
  const { server } = await startTestBackend({
    features: [
      reliabilityPlugin,
      catalogServiceMock.factory({ entities: incidentTestEntities }),
      permissions.factory,
      mockServices.rootConfig.factory({
        data: {
          reliability: {
            timeZone: 'Europe/Berlin',
            holidays: ['2026-11-26'],
          },
        },
      }),
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
    ],
  });
  return server;
}
