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
import request from '../../__testUtils__/specCheckedRequest';
import { reliabilityPlugin } from '../../plugin';

/** A component of the payments team, the team, one of its people and an SRE. */
export const entities: Entity[] = [
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
  {
    apiVersion: 'backstage.io/v1',
    kind: 'User',
    metadata: { name: 'gita', namespace: 'default' },
    spec: { memberOf: ['sre'] },
  },
];

/**
 * The plugin with one provider that keeps its connection, an auditor that
 * records what it is told, and the API to read the results back.
 */
export async function startConnectedBackend() {
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
  const events: Array<{
    eventId: string;
    meta: unknown;
    outcome?: string;
    result?: unknown;
  }> = [];
  auditor.createEvent.mockImplementation(async ({ eventId, meta }) => {
    const event: (typeof events)[number] = { eventId, meta };
    events.push(event);
    return {
      success: async (options?: { meta?: unknown }) => {
        event.outcome = 'success';
        event.result = options?.meta;
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

