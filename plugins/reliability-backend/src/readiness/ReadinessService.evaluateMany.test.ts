import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { parseTierPolicies } from '@reliability-suite/plugin-reliability-common';
import { createTierPolicyService } from '@reliability-suite/plugin-reliability-node';
import { createReliabilityStores } from '../database/ReliabilityStores';
import { testDatabaseIds } from '../database/__testUtils__/testDatabaseIds';
import {
  IncidentService,
  readIncidentConfig,
} from '../incidents/IncidentService';
import { OnCallService } from '../oncall/OnCallService';
import { OwnershipService } from '../ownership/OwnershipService';
import { RotationOnCallProvider } from '../oncall/RotationOnCallProvider';
import { ReadinessService } from './ReadinessService';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: testDatabaseIds,
  disableDocker: true,
});
const at = new Date('2026-11-25T12:00:00Z');

const component = (name: string, tier: string, owner: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: { 'reliability/tier': tier },
    links: [{ url: `https://runbooks.example.com/${name}`, type: 'runbook' }],
  },
  spec: { type: 'service', lifecycle: 'production', owner },
});
const entities = [
  component('checkout', 'tier-1', 'group:default/payments'),
  component('tools', 'tier-3', 'group:default/payments'),
  component('orphan', 'tier-1', 'group:default/ghosts'),
];
const payments: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'payments', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

describe.each(databases.eachSupportedId())(
  'ReadinessService.evaluateMany on %s',
  databaseId => {
    it('gives each entity what evaluating it alone gives', async () => {
      const knex = await databases.init(databaseId);
      const stores = await createReliabilityStores({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      await stores.onCall.putRotation({
        id: 'payments',
        fields: {
          name: 'Payments',
          team: 'group:default/payments',
          timeZone: 'Europe/Berlin',
          handoffAnchor: '2026-11-02T09:00:00',
          shiftLength: 'P1W',
          levels: [{ users: ['user:default/ana', 'user:default/bruno'] }],
        },
        actor: 'user:default/ana',
        at,
      });
      await stores.actions.createAction(
        {
          title: 'Fix the retry storm',
          entityRef: 'component:default/checkout',
          incidentId: null,
          owner: 'group:default/payments',
          priority: 'P0',
          dueDate: '2026-11-20',
          ticketUrl: null,
        },
        'user:default/ana',
        at,
      );
      await stores.readiness.addAttestation('component:default/checkout', {
        itemId: 'rollback',
        evidenceUrl: 'https://docs.acme.example/rollback',
        note: null,
        attestedBy: 'user:default/ana',
        attestedAt: '2026-11-01T00:00:00.000Z',
        expiresAt: '2027-05-01T00:00:00.000Z',
      });
      await stores.readiness.addWaiver('component:default/orphan', {
        itemId: 'owner',
        reason: 'Team being formed',
        approvedBy: 'user:default/gita',
        expiresAt: '2026-12-20T00:00:00.000Z',
        createdAt: at,
      });
      const tierPolicy = createTierPolicyService(
        parseTierPolicies(undefined, 'reliability.tiers'),
      );
      const catalog = catalogServiceMock({ entities: [...entities, payments] });
      const ownershipService = new OwnershipService({
        catalog,
        placeholderOwners: [],
        cacheTtlMs: 0,
      });
      const onCallService = new OnCallService({
        providers: [new RotationOnCallProvider(stores.onCall)],
        ownership: ownershipService,
      });
      const readiness = new ReadinessService({
        stores,
        catalog,
        tierPolicy,
        onCallService,
        ownershipService,
        incidentService: new IncidentService({
          store: stores.incidents,
          tierPolicy,
          config: readIncidentConfig(new ConfigReader({})),
        }),
      });
      const credentials = mockCredentials.service();

      const many = await readiness.evaluateMany(entities, at, credentials);
      const alone = await Promise.all(
        entities.map(e => readiness.evaluate(e, at, credentials)),
      );
      expect(many).toEqual(alone);

      const status = (i: number, id: string) =>
        many[i].items.find(item => item.id === id)?.status;
      expect(many.map(r => r.tierId)).toEqual(['tier-1', 'tier-3', 'tier-1']);
      expect(status(0, 'rollback')).toBe('attested');
      expect(status(0, 'actions')).toBe('fail');
      expect(status(0, 'runbook')).toBe('pass');
      // The owner group is not in the catalog: failing, but waived.
      expect(status(2, 'owner')).toBe('waived');
      expect(status(2, 'oncall')).toBe('fail');
    });
  },
);
