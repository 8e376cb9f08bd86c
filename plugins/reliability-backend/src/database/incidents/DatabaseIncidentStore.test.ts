import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { createReliabilityStores } from '../ReliabilityStores';
import { ActionFields } from '../actions/ActionStore';
import { testDatabaseIds } from '../__testUtils__/testDatabaseIds';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: testDatabaseIds,
  disableDocker: true,
});
const at = new Date('2026-11-23T12:00:00Z');
const incident = {
  title: 'Checkout errors',
  severity: 'SEV1',
  entityRefs: [
    'component:default/checkout-api',
    'component:default/payment-gateway',
  ],
  startedAt: '2026-11-20T10:00:00.000Z',
  detectedAt: '2026-11-20T10:05:00.000Z',
  acknowledgedAt: null,
  mitigatedAt: null,
  resolvedAt: null,
  externalUrl: null,
};
const action = (overrides: Partial<ActionFields> = {}): ActionFields => ({
  title: 'Add a circuit breaker',
  entityRef: 'component:default/checkout-api',
  incidentId: null,
  owner: 'group:default/checkout-team',
  priority: 'P1',
  dueDate: '2026-12-01',
  ticketUrl: null,
  ...overrides,
});

async function createStore(databaseId: (typeof testDatabaseIds)[number]) {
  const knex = await databases.init(databaseId);
  return createReliabilityStores({
    database: mockServices.database({ knex, migrations: { skip: false } }),
  });
}

describe.each(databases.eachSupportedId())(
  'DatabaseIncidentStore and DatabaseActionStore on %s',
  databaseId => {
    it('creates, reads and lists incidents per entity', async () => {
      const stores = await createStore(databaseId);
      const created = await stores.incidents.createIncident(
        incident,
        'user:default/ana',
        at,
      );
      expect(created).toEqual({
        id: expect.any(String),
        ...incident,
        version: 1,
        updatedBy: 'user:default/ana',
      });
      expect(await stores.incidents.getIncident(created.id)).toEqual(created);
      expect(await stores.incidents.getIncident('nope')).toBeUndefined();
      expect(
        (
          await stores.incidents.listIncidents(
            'component:default/payment-gateway',
            new Date('2026-11-01T00:00:00Z'),
          )
        ).map(i => i.id),
      ).toEqual([created.id]);
      expect(
        await stores.incidents.listIncidents(
          'component:default/payment-gateway',
          new Date('2026-11-21T00:00:00Z'),
        ),
      ).toEqual([]);
    });

    it('lets exactly one of two concurrent updates with the same version win, losing nothing', async () => {
      const stores = await createStore(databaseId);
      const { id } = await stores.incidents.createIncident(incident, 'a', at);
      const results = await Promise.allSettled([
        stores.incidents.updateIncident(
          id,
          { mitigatedAt: '2026-11-20T10:40:00.000Z' },
          1,
          'a',
          at,
        ),
        stores.incidents.updateIncident(
          id,
          { title: 'Checkout 5xx' },
          1,
          'b',
          at,
        ),
      ]);
      expect(results.map(r => r.status).sort()).toEqual([
        'fulfilled',
        'rejected',
      ]);
      expect(
        (results.find(r => r.status === 'rejected') as PromiseRejectedResult)
          .reason,
      ).toMatchObject({ statusCode: 412 });
      const stored = (await stores.incidents.getIncident(id))!;
      expect(stored.version).toBe(2);
      // The loser retries on the new version; both changes are kept.
      const loser =
        results[0].status === 'rejected'
          ? { mitigatedAt: '2026-11-20T10:40:00.000Z' }
          : { title: 'Checkout 5xx' };
      const final = await stores.incidents.updateIncident(
        id,
        loser,
        2,
        'a',
        at,
      );
      expect(final).toMatchObject({
        title: 'Checkout 5xx',
        mitigatedAt: '2026-11-20T10:40:00.000Z',
        version: 3,
      });
    });

    it('sets publishedAt when a postmortem is published and clears it when unpublished', async () => {
      const stores = await createStore(databaseId);
      const { id } = await stores.incidents.createIncident(incident, 'a', at);
      const draft = await stores.incidents.putPostmortem(
        id,
        { status: 'draft', documentUrl: null, summary: null },
        undefined,
        'a',
        at,
      );
      expect(draft).toMatchObject({
        status: 'draft',
        publishedAt: null,
        version: 1,
      });
      await expect(
        stores.incidents.putPostmortem(
          id,
          { status: 'published', documentUrl: null, summary: null },
          undefined,
          'a',
          at,
        ),
      ).rejects.toMatchObject({ name: 'ConflictError' });
      const later = new Date('2026-11-25T09:00:00Z');
      const published = await stores.incidents.putPostmortem(
        id,
        {
          status: 'published',
          documentUrl: 'https://docs.acme.example/pm/1',
          summary: 'A bad deploy',
        },
        1,
        'a',
        later,
      );
      expect(published).toMatchObject({
        status: 'published',
        publishedAt: later.toISOString(),
        version: 2,
      });
      // Editing a published postmortem keeps its publication time.
      const edited = await stores.incidents.putPostmortem(
        id,
        {
          status: 'published',
          documentUrl: 'https://docs.acme.example/pm/1',
          summary: 'A bad deploy, fixed',
        },
        2,
        'a',
        new Date('2026-12-01T00:00:00Z'),
      );
      expect(edited.publishedAt).toBe(later.toISOString());
      const back = await stores.incidents.putPostmortem(
        id,
        { status: 'in-review', documentUrl: null, summary: null },
        3,
        'a',
        at,
      );
      expect(back.publishedAt).toBeNull();
      await expect(
        stores.incidents.putPostmortem(
          id,
          { status: 'draft', documentUrl: null, summary: null },
          1,
          'a',
          at,
        ),
      ).rejects.toMatchObject({ statusCode: 412 });
    });

    it('closes and reopens actions, with versions', async () => {
      const stores = await createStore(databaseId);
      const created = await stores.actions.createAction(
        action(),
        'user:default/chen',
        at,
      );
      expect(created).toMatchObject({
        status: 'open',
        version: 1,
        closedAt: null,
        createdBy: 'user:default/chen',
      });
      const closedAt = new Date('2026-11-30T10:00:00Z');
      const done = await stores.actions.updateAction(
        created.id,
        { status: 'done' },
        1,
        'a',
        closedAt,
      );
      expect(done).toMatchObject({
        status: 'done',
        closedAt: closedAt.toISOString(),
        version: 2,
      });
      await expect(
        stores.actions.updateAction(created.id, { status: 'open' }, 1, 'a', at),
      ).rejects.toMatchObject({ statusCode: 412 });
      const reopened = await stores.actions.updateAction(
        created.id,
        { status: 'open' },
        2,
        'a',
        at,
      );
      expect(reopened).toMatchObject({
        status: 'open',
        closedAt: null,
        version: 3,
      });
      expect(
        (
          await stores.actions.listEntityActions(
            'component:default/checkout-api',
            ['open'],
          )
        ).map(a => a.id),
      ).toEqual([created.id]);
    });

    it('pages actions by owner without skipping or repeating when rows are added between pages', async () => {
      const stores = await createStore(databaseId);
      for (const day of ['05', '01', '03', '02', '04']) {
        await stores.actions.createAction(
          action({ dueDate: `2026-12-${day}`, title: `due ${day}` }),
          'a',
          at,
        );
      }
      const owners = ['group:default/checkout-team'];
      const first = await stores.actions.listActionsByOwners({
        owners,
        limit: 2,
      });
      expect(first.map(a => a.dueDate)).toEqual(['2026-12-01', '2026-12-02']);
      // Inserted before the cursor (must not appear) and after it (must).
      await stores.actions.createAction(
        action({ dueDate: '2026-11-30', title: 'early' }),
        'a',
        at,
      );
      await stores.actions.createAction(
        action({ dueDate: '2026-12-02', title: 'same day, later id' }),
        'a',
        at,
      );
      const last = first[first.length - 1];
      const second = await stores.actions.listActionsByOwners({
        owners,
        limit: 10,
        after: { dueDate: last.dueDate, id: Number(last.id) },
      });
      expect(second.map(a => a.title)).toEqual([
        'same day, later id',
        'due 03',
        'due 04',
        'due 05',
      ]);
      expect(
        await stores.actions.listActionsByOwners({
          owners,
          limit: 10,
          dueBefore: '2026-12-02',
        }),
      ).toHaveLength(2);
    });
  },
);
