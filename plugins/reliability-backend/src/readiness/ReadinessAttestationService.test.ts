import { Entity } from '@backstage/catalog-model';
import { ReadinessItem } from '@reliability-suite/plugin-reliability-common';
import { reliabilityTestDatabases } from '../database/__testUtils__/reliabilityTestDatabases';
import { ReadinessAttestationService } from './ReadinessAttestationService';

jest.setTimeout(60_000);

const databases = reliabilityTestDatabases();
const entityRef = 'component:default/svc';
const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'svc', namespace: 'default' },
} as Entity;
const target = { entityRef, entity };
const at = new Date('2026-11-23T12:00:00.000Z');
const ANA = 'user:default/ana';
const template: ReadinessItem[] = [
  {
    id: 'rollback',
    title: 'Rollback plan',
    description: 'A tested rollback',
    category: 'Operations',
    level: 'required',
    attestationValidFor: 'P180D',
  },
  {
    id: 'postmortem-template',
    title: 'Postmortem template',
    description: 'The team knows the template',
    category: 'Incidents',
    level: 'recommended',
  },
  {
    id: 'runbook',
    title: 'Runbook',
    description: 'A runbook link',
    category: 'Operations',
    level: 'recommended',
    rule: { id: 'has-runbook' },
  },
];

describe.each(databases.ids)(
  'ReadinessAttestationService on %s',
  databaseId => {
    async function setup() {
      const stores = await databases.createStores(databaseId);
      const refresher = { entitiesChanged: jest.fn(async () => {}) };
      const service = new ReadinessAttestationService({
        store: stores.readiness,
        readinessService: {
          templateFor: () => ({ tierId: 'tier-1', template }),
          maxWaiverMs: 90 * 86_400_000,
        },
        refresher,
      });
      return { stores, refresher, service };
    }

    it("attests a manual item for the item's validity, a year without one", async () => {
      const { stores, refresher, service } = await setup();
      const rollback = await service.attest(target, {
        itemId: 'rollback',
        evidenceUrl: 'https://docs.acme.example/rollback',
        note: 'Drilled on 2026-11-20',
        actor: ANA,
        at,
      });
      expect(rollback).toEqual({
        id: expect.any(String),
        itemId: 'rollback',
        evidenceUrl: 'https://docs.acme.example/rollback',
        note: 'Drilled on 2026-11-20',
        attestedBy: ANA,
        attestedAt: '2026-11-23T12:00:00.000Z',
        // P180D later.
        expiresAt: '2027-05-22T12:00:00.000Z',
      });
      const template365 = await service.attest(target, {
        itemId: 'postmortem-template',
        evidenceUrl: 'https://docs.acme.example/pm',
        actor: ANA,
        at,
      });
      expect(template365).toMatchObject({
        note: null,
        expiresAt: '2027-11-23T12:00:00.000Z',
      });
      // The DR test record is taken though no template item names it.
      const drTest = await service.attest(target, {
        itemId: 'dr-test',
        evidenceUrl: 'https://docs.acme.example/dr',
        actor: ANA,
        at,
      });
      expect(drTest.expiresAt).toBe('2027-11-23T12:00:00.000Z');
      expect(
        (await stores.readiness.listAttestations(entityRef))
          .map(a => a.itemId)
          .sort(),
      ).toEqual(['dr-test', 'postmortem-template', 'rollback']);
      expect(refresher.entitiesChanged).toHaveBeenCalledTimes(3);
      expect(refresher.entitiesChanged).toHaveBeenLastCalledWith([entityRef]);
    });

    it.each([
      [
        'runbook',
        "Invalid request body 'itemId': 'runbook' is checked automatically and cannot be attested",
      ],
      [
        'nope',
        "Invalid request body 'itemId': 'nope' is not an item of this entity's readiness template",
      ],
    ])('refuses to attest %s and writes nothing', async (itemId, message) => {
      const { stores, refresher, service } = await setup();
      await expect(
        service.attest(target, {
          itemId,
          evidenceUrl: 'https://x.example',
          actor: ANA,
          at,
        }),
      ).rejects.toThrow(message);
      expect(await stores.readiness.listAttestations(entityRef)).toEqual([]);
      expect(refresher.entitiesChanged).not.toHaveBeenCalled();
    });

    it("deletes only the entity's own attestation, and says when there is none", async () => {
      const { stores, refresher, service } = await setup();
      const a = await service.attest(target, {
        itemId: 'rollback',
        evidenceUrl: 'https://docs.acme.example/rollback',
        actor: ANA,
        at,
      });
      await expect(
        service.deleteAttestation('component:default/other', a.id),
      ).rejects.toThrow(`No attestation ${a.id} on component:default/other`);
      expect(await stores.readiness.listAttestations(entityRef)).toHaveLength(
        1,
      );
      await service.deleteAttestation(entityRef, a.id);
      expect(await stores.readiness.listAttestations(entityRef)).toEqual([]);
      expect(refresher.entitiesChanged.mock.calls).toEqual([
        [[entityRef]],
        [['component:default/other']],
        [[entityRef]],
      ]);
    });

    it('waives an item until a date at most 90 days ahead', async () => {
      const { stores, refresher, service } = await setup();
      const waive = (expiresAt: string, itemId = 'runbook') =>
        service.waive(target, {
          itemId,
          reason: 'Runbook in the team wiki',
          expiresAt,
          actor: 'user:default/gita',
          at,
        });
      await expect(waive('2026-11-23T12:00:00Z')).rejects.toThrow(
        "Invalid request body 'expiresAt': must be in the future",
      );
      // 90 days and one second.
      await expect(waive('2027-02-21T12:00:01Z')).rejects.toThrow(
        "Invalid request body 'expiresAt': a waiver lasts at most 90 days",
      );
      await expect(waive('2026-12-01T00:00:00Z', 'nope')).rejects.toThrow(
        "'nope' is not an item",
      );
      expect(await stores.readiness.listWaivers(entityRef)).toEqual([]);
      expect(refresher.entitiesChanged).not.toHaveBeenCalled();

      // Exactly 90 days, given with an offset: stored in UTC.
      const waiver = await waive('2027-02-21T13:00:00+01:00');
      expect(waiver).toEqual({
        id: expect.any(String),
        itemId: 'runbook',
        reason: 'Runbook in the team wiki',
        approvedBy: 'user:default/gita',
        expiresAt: '2027-02-21T12:00:00.000Z',
      });
      expect(await stores.readiness.listWaivers(entityRef)).toEqual([waiver]);
      expect(refresher.entitiesChanged).toHaveBeenCalledWith([entityRef]);
    });
  },
);
