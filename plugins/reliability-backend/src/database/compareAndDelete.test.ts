import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  SloDefinition,
  SloStatusReport,
} from '@reliability-suite/plugin-reliability-common';
import { createReliabilityStores } from './ReliabilityStores';
import { testDatabaseIds } from './__testUtils__/testDatabaseIds';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: testDatabaseIds,
  disableDocker: true,
});
const at = new Date('2026-11-23T12:00:00Z');
const ref = 'component:default/checkout-api';
const other = 'component:default/ledger';

const definition = (name: string): SloDefinition => ({
  name,
  target: 0.999,
  timeWindow: { kind: 'rolling', duration: '30d' },
  budgetingMethod: 'Occurrences',
});

async function setup(databaseId: (typeof testDatabaseIds)[number]) {
  const knex = await databases.init(databaseId);
  const stores = await createReliabilityStores({
    database: mockServices.database({ knex, migrations: { skip: false } }),
  });
  const count = async (table: string, where: Record<string, unknown>) =>
    Number(((await knex(table).where(where).count({ n: '*' })) as any)[0].n);
  return { knex, stores, count };
}

/** Ten calls at once; what each returned, or the name of what it threw. */
function tenAtOnce<T>(call: () => Promise<T>): Promise<Array<T | string>> {
  return Promise.all(
    Array.from({ length: 10 }, () =>
      call().catch((error: Error) => error.name),
    ),
  );
}

describe.each(databases.eachSupportedId())(
  'compare-and-delete on %s',
  databaseId => {
    it('deletes an API SLO once, with its buckets and status, refusing stale versions and catalog SLOs', async () => {
      const { stores, count } = await setup(databaseId);
      const { slo } = await stores.slos.putApiSlo({
        entityRef: ref,
        definition: definition('availability'),
        actor: 'user:default/ana',
        at,
      });
      await stores.slos.writeMeasurements(slo.id, [
        { start: at.getTime() - 60_000, good: 9, total: 10 },
      ]);
      await stores.slos.syncCatalogSlos({
        entityRef: ref,
        definitions: [definition('latency')],
        at,
      });
      await stores.slos.saveSloStatus(
        slo.id,
        {
          status: 'healthy',
          errorBudget: { remaining: 0.5 },
          attainment: 0.9995,
        } as SloStatusReport,
        at,
      );
      expect(await count('sli_buckets', { slo_id: slo.id })).toBe(1);
      expect(await count('slo_status', { slo_id: slo.id })).toBe(1);

      await expect(
        stores.slos.deleteApiSlo(ref, 'availability', 2),
      ).rejects.toMatchObject({ name: 'PreconditionFailedError' });
      await expect(
        stores.slos.deleteApiSlo(ref, 'latency', 1),
      ).rejects.toMatchObject({ name: 'ConflictError' });
      expect(await stores.slos.deleteApiSlo(other, 'availability', 1)).toBe(
        false,
      );

      const results = await tenAtOnce(() =>
        stores.slos.deleteApiSlo(ref, 'availability', 1),
      );
      expect(results.filter(r => r === true)).toHaveLength(1);
      expect(
        results.filter(
          r => r !== true && r !== false && r !== 'PreconditionFailedError',
        ),
      ).toEqual([]);
      expect(await stores.slos.getSlo(ref, 'availability')).toBeUndefined();
      expect(await count('sli_buckets', { slo_id: slo.id })).toBe(0);
      expect(await count('slo_status', { slo_id: slo.id })).toBe(0);
      expect((await stores.slos.listSlos(ref)).map(s => s.name)).toEqual([
        'latency',
      ]);
    });

    it('revokes a budget exception once, and only on its own entity', async () => {
      const { stores } = await setup(databaseId);
      const exception = await stores.slos.createBudgetException({
        entityRef: ref,
        reason: 'Black Friday launch',
        startsAt: at,
        endsAt: new Date('2026-11-30T12:00:00Z'),
        approvedBy: 'user:default/sre',
        createdAt: at,
      });
      const id = String(exception.id);
      expect(
        await stores.slos.deleteBudgetException(other, id),
      ).toBeUndefined();
      const results = await tenAtOnce(() =>
        stores.slos.deleteBudgetException(ref, id),
      );
      expect(results.filter(r => r !== undefined)).toEqual([
        expect.objectContaining({
          id: exception.id,
          reason: 'Black Friday launch',
          approvedBy: 'user:default/sre',
        }),
      ]);
      expect(await stores.slos.listBudgetExceptions(ref)).toEqual([]);
    });

    it('deletes an incident once with its links and postmortem, keeping its actions unlinked', async () => {
      const { stores, count } = await setup(databaseId);
      const incident = await stores.incidents.createIncident(
        {
          title: 'Checkout down',
          severity: 'SEV1',
          entityRefs: [ref, other],
          startedAt: '2026-11-20T10:00:00.000Z',
          detectedAt: null,
          acknowledgedAt: null,
          mitigatedAt: null,
          resolvedAt: '2026-11-20T11:00:00.000Z',
          externalUrl: null,
        },
        'user:default/ana',
        at,
      );
      await stores.incidents.putPostmortem(
        incident.id,
        { status: 'draft', documentUrl: null, summary: null },
        undefined,
        'user:default/ana',
        at,
      );
      const action = await stores.actions.createAction(
        {
          title: 'Add a canary',
          entityRef: ref,
          incidentId: incident.id,
          owner: 'group:default/payments',
          priority: 'P1',
          dueDate: '2026-12-15',
          ticketUrl: null,
        },
        'user:default/ana',
        at,
      );
      const id = Number(incident.id);

      await expect(
        stores.incidents.deleteIncident(incident.id, 2),
      ).rejects.toMatchObject({ name: 'PreconditionFailedError' });
      expect(await count('incident_entities', { incident_id: id })).toBe(2);

      const results = await tenAtOnce(() =>
        stores.incidents.deleteIncident(incident.id, 1),
      );
      expect(results.filter(r => r === true)).toHaveLength(1);
      expect(results.filter(r => r !== true && r !== false)).toEqual([]);
      expect(await stores.incidents.getIncident(incident.id)).toBeUndefined();
      expect(await count('incident_entities', { incident_id: id })).toBe(0);
      expect(await count('postmortems', { incident_id: id })).toBe(0);
      expect(await stores.incidents.listIncidents(ref, new Date(0))).toEqual(
        [],
      );
      expect(await stores.actions.getAction(action.id)).toMatchObject({
        id: action.id,
        title: 'Add a canary',
        incidentId: null,
      });
    });

    it('deletes an action once, refusing a stale version', async () => {
      const { stores } = await setup(databaseId);
      const action = await stores.actions.createAction(
        {
          title: 'Add a canary',
          entityRef: ref,
          incidentId: null,
          owner: 'group:default/payments',
          priority: 'P1',
          dueDate: '2026-12-15',
          ticketUrl: null,
        },
        'user:default/ana',
        at,
      );
      await stores.actions.updateAction(
        action.id,
        { status: 'in-progress' },
        1,
        'user:default/ana',
        at,
      );
      await expect(
        stores.actions.deleteAction(action.id, 1),
      ).rejects.toMatchObject({ name: 'PreconditionFailedError' });
      expect(await stores.actions.deleteAction('999', 1)).toBe(false);
      const results = await tenAtOnce(() =>
        stores.actions.deleteAction(action.id, 2),
      );
      expect(results.filter(r => r === true)).toHaveLength(1);
      expect(results.filter(r => r !== true && r !== false)).toEqual([]);
      expect(await stores.actions.getAction(action.id)).toBeUndefined();
    });

    it('revokes a waiver once, and only on its own entity', async () => {
      const { stores } = await setup(databaseId);
      const waiver = await stores.readiness.addWaiver(ref, {
        itemId: 'runbook',
        reason: 'Runbook is being rewritten',
        approvedBy: 'user:default/sre',
        expiresAt: '2026-12-20T00:00:00.000Z',
        createdAt: at,
      });
      expect(
        await stores.readiness.deleteWaiver(other, waiver.id),
      ).toBeUndefined();
      const results = await tenAtOnce(() =>
        stores.readiness.deleteWaiver(ref, waiver.id),
      );
      expect(results.filter(r => r !== undefined)).toEqual([
        {
          id: waiver.id,
          itemId: 'runbook',
          reason: 'Runbook is being rewritten',
          approvedBy: 'user:default/sre',
          expiresAt: '2026-12-20T00:00:00.000Z',
        },
      ]);
      expect(await stores.readiness.listWaivers(ref)).toEqual([]);
    });
  },
);
