import { resolvePackagePath } from '@backstage/backend-plugin-api';
import fs from 'fs';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import knexFactory from 'knex';
import { createReliabilityStores } from './ReliabilityStores';
import { testDatabaseIds } from './__testUtils__/testDatabaseIds';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: testDatabaseIds,
  disableDocker: true,
});
const at = new Date('2026-11-23T12:00:00Z');
const A = 'component:default/a';
const B = 'component:default/b';
const NONE = 'component:default/nothing';

async function createStore(databaseId: (typeof testDatabaseIds)[number]) {
  const knex = await databases.init(databaseId);
  return createReliabilityStores({
    database: mockServices.database({ knex, migrations: { skip: false } }),
  });
}

describe.each(databases.eachSupportedId())(
  'ReliabilityStores bulk reads on %s',
  databaseId => {
    it('reads each table once for many entities, every asked ref a key', async () => {
      const stores = await createStore(databaseId);
      for (const [ref, name] of [
        [A, 'latency'],
        [A, 'availability'],
        [B, 'availability'],
      ]) {
        await stores.slos.putApiSlo({
          entityRef: ref,
          definition: {
            name,
            target: 0.999,
            timeWindow: { kind: 'rolling', duration: '30d' },
            budgetingMethod: 'Occurrences',
          },
          actor: 'user:default/ana',
          at,
        });
      }
      const both = await stores.incidents.createIncident(
        {
          title: 'Shared outage',
          severity: 'SEV1',
          entityRefs: [A, B],
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
      await stores.incidents.createIncident(
        {
          title: 'Old one',
          severity: 'SEV2',
          entityRefs: [A],
          startedAt: '2025-01-01T10:00:00.000Z',
          detectedAt: null,
          acknowledgedAt: null,
          mitigatedAt: null,
          resolvedAt: null,
          externalUrl: null,
        },
        'user:default/ana',
        at,
      );
      for (const [ref, title, due] of [
        [A, 'Second', '2026-12-02'],
        [A, 'First', '2026-12-01'],
        [B, 'Only', '2026-12-05'],
      ]) {
        await stores.actions.createAction(
          {
            title,
            entityRef: ref,
            incidentId: null,
            owner: 'group:default/team',
            priority: 'P1',
            dueDate: due,
            ticketUrl: null,
          },
          'user:default/ana',
          at,
        );
      }
      await stores.readiness.addAttestation(B, {
        itemId: 'rollback',
        evidenceUrl: 'https://docs.acme.example/rollback',
        note: null,
        attestedBy: 'user:default/ana',
        attestedAt: at.toISOString(),
        expiresAt: '2027-05-22T12:00:00.000Z',
      });
      await stores.readiness.addWaiver(A, {
        itemId: 'runbook',
        reason: 'Accepted',
        approvedBy: 'user:default/gita',
        expiresAt: '2026-12-01T00:00:00.000Z',
        createdAt: at,
      });
      await stores.readiness.createReview({
        entityRef: A,
        requestedBy: 'user:default/ana',
        at,
        targetLaunchDate: null,
      });

      const refs = [A, B, NONE];
      const since = new Date('2026-01-01T00:00:00Z');
      const [slos, incidents, actions, attestations, waivers, reviews] =
        await Promise.all([
          stores.slos.listSlosByEntity(refs),
          stores.incidents.listIncidentsByEntity(refs, since),
          stores.actions.listActionsByEntity(refs, ['open']),
          stores.readiness.listAttestationsByEntity(refs),
          stores.readiness.listWaiversByEntity(refs),
          stores.readiness.listReviewsByEntity(refs),
        ]);
      // Every asked ref is a key, even without rows.
      for (const map of [slos, incidents, actions, attestations, waivers]) {
        expect([...map.keys()].sort()).toEqual([A, B, NONE]);
      }
      expect(slos.get(A)!.map(s => s.name)).toEqual([
        'availability',
        'latency',
      ]);
      expect(slos.get(NONE)).toEqual([]);
      // The shared incident is listed for both, the old one not at all.
      expect(incidents.get(A)!.map(i => i.id)).toEqual([both.id]);
      expect(incidents.get(B)!.map(i => i.entityRefs)).toEqual([[A, B]]);
      expect(actions.get(A)!.map(a => a.title)).toEqual(['First', 'Second']);
      expect(actions.get(B)!.map(a => a.title)).toEqual(['Only']);
      expect(attestations.get(B)!.map(a => a.itemId)).toEqual(['rollback']);
      expect(waivers.get(A)!.map(w => w.itemId)).toEqual(['runbook']);
      expect(reviews.get(A)!.map(r => r.state)).toEqual(['requested']);
      expect(reviews.get(B)).toEqual([]);
    });

    it('reads more entities than one query binds at once', async () => {
      const stores = await createStore(databaseId);
      const refs = Array.from(
        { length: 1_203 },
        (_, i) => `component:default/svc-${i}`,
      );
      await stores.readiness.addWaiver(refs[1_202], {
        itemId: 'runbook',
        reason: 'Accepted',
        approvedBy: 'user:default/gita',
        expiresAt: '2026-12-01T00:00:00.000Z',
        createdAt: at,
      });
      const waivers = await stores.readiness.listWaiversByEntity(refs);
      expect(waivers.size).toBe(1_203);
      expect(waivers.get(refs[1_202])!.map(w => w.itemId)).toEqual(['runbook']);
      expect(waivers.get(refs[0])).toEqual([]);
    });
  },
);

const postgresIds = databases
  .eachSupportedId()
  .filter(([id]) => id.startsWith('POSTGRES'));

describe('ReliabilityStores migrations by replicas starting together', () => {
  if (postgresIds.length === 0) {
    it.skip('needs BACKSTAGE_TEST_DATABASE_POSTGRES<version>_CONNECTION_STRING', () => {});
    return;
  }
  it.each(postgresIds)(
    'three backends migrating one fresh %s database at once all start, each migration recorded once',
    async databaseId => {
      const first = await databases.init(databaseId);
      // Each replica has its own connection pool on the same database.
      const others = [
        knexFactory(first.client.config),
        knexFactory(first.client.config),
      ];
      try {
        const started = await Promise.allSettled(
          [first, ...others].map(knex =>
            createReliabilityStores({
              database: mockServices.database({
                knex,
                migrations: { skip: false },
              }),
            }),
          ),
        );
        expect(
          started.map(s =>
            s.status === 'fulfilled' ? 'started' : String(s.reason),
          ),
        ).toEqual(['started', 'started', 'started']);
        const migrations = await first('knex_migrations').select('name');
        const names = migrations.map(m => m.name);
        // Every migration of the folder, each recorded once.
        const files = fs
          .readdirSync(
            resolvePackagePath(
              '@reliability-suite/plugin-reliability-backend',
              'migrations',
            ),
          )
          .filter(file => file.endsWith('.js'))
          .sort();
        expect(files.length).toBeGreaterThanOrEqual(9);
        expect([...names].sort()).toEqual(files);
        expect(await first('knex_migrations_lock').select('is_locked')).toEqual(
          [{ is_locked: 0 }],
        );
      } finally {
        await Promise.all(others.map(knex => knex.destroy()));
      }
    },
  );
});
