import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  fridayIncident,
  incidentTestEntities,
} from '../__testUtils__/incidentTestBackend';
import { createIncidentTestServices } from '../__testUtils__/incidentTestServices';
import { reliabilityTestDatabases } from '../database/__testUtils__/reliabilityTestDatabases';
import { IncidentRecordService } from './IncidentRecordService';

jest.setTimeout(60_000);

const databases = reliabilityTestDatabases();
// Wednesday 25 November 2026, noon UTC.
const at = new Date('2026-11-25T12:00:00.000Z');
const CHECKOUT = 'component:default/checkout-api';
const REPORTS = 'component:default/reports';
const ANA = 'user:default/ana';
const entityOf = (ref: string): Entity =>
  incidentTestEntities.find(
    e => `component:default/${e.metadata.name}` === ref,
  )!;

describe.each(databases.ids)('IncidentRecordService on %s', databaseId => {
  async function setup() {
    const { stores, catalog, incidentService, refresher } =
      createIncidentTestServices(await databases.createStores(databaseId));
    const service = new IncidentRecordService({
      stores,
      catalog,
      incidentService,
      refresher,
      now: () => at,
    });
    /** The Friday incident on checkout-api, as stored; nothing refreshed yet. */
    const recordFriday = async () => {
      const { id } = await service.create(
        fridayIncident,
        [entityOf(CHECKOUT)],
        ANA,
      );
      refresher.entitiesChanged.mockClear();
      return (await service.find(id))!;
    };
    return { stores, refresher, service, recordFriday };
  }

  it('records an incident with its postmortem due five business days after the resolution', async () => {
    const { refresher, service } = await setup();
    expect(service.severities).toEqual(['SEV0', 'SEV1', 'SEV2', 'SEV3']);
    const created = await service.create(
      fridayIncident,
      [entityOf(CHECKOUT)],
      ANA,
    );
    expect(created).toEqual({
      id: expect.any(String),
      ...fridayIncident,
      startedAt: '2026-11-20T16:00:00.000Z',
      detectedAt: '2026-11-20T16:04:00.000Z',
      acknowledgedAt: '2026-11-20T16:06:00.000Z',
      mitigatedAt: '2026-11-20T17:00:00.000Z',
      resolvedAt: '2026-11-20T18:30:00.000Z',
      externalUrl: null,
      version: 1,
      durations: {
        timeToAcknowledgeMs: 2 * 60_000,
        timeToMitigateMs: 60 * 60_000,
        timeToResolveMs: 150 * 60_000,
      },
      // Tier-0, SEV1: 5 business days in UTC from Friday 20th, Mon 23
      // to Fri 27, due at the end of Friday 27th.
      postmortem: {
        required: true,
        dueAt: '2026-11-27T23:59:59.999Z',
        status: null,
        documentUrl: null,
        summary: null,
        publishedAt: null,
        version: null,
        onTime: null,
      },
    });
    expect(refresher.entitiesChanged).toHaveBeenCalledWith([CHECKOUT]);
    const stored = (await service.find(created.id))!;
    expect(await service.view(stored, [entityOf(CHECKOUT)])).toEqual(created);
    expect(await service.find('999')).toBeUndefined();
  });

  it('refreshes the entities an update moved the incident from and to', async () => {
    const { refresher, service, recordFriday } = await setup();
    const incident = await recordFriday();
    const updated = await service.update(
      incident,
      { entityRefs: [REPORTS], title: 'Reports down' },
      1,
      ANA,
    );
    expect(updated).toMatchObject({
      entityRefs: [REPORTS],
      title: 'Reports down',
      version: 2,
      updatedBy: ANA,
    });
    expect(refresher.entitiesChanged).toHaveBeenCalledWith([CHECKOUT, REPORTS]);
    // Tier-3 asks no postmortem.
    expect(
      (await service.view(updated, [entityOf(REPORTS)])).postmortem,
    ).toMatchObject({ required: false, dueAt: null, onTime: null });
    refresher.entitiesChanged.mockClear();
    await expect(
      service.update(incident, { title: 'stale' }, 1, ANA),
    ).rejects.toMatchObject({ statusCode: 412 });
    expect(refresher.entitiesChanged).not.toHaveBeenCalled();
  });

  it('publishes the postmortem on time and refreshes the entities', async () => {
    const { refresher, service, recordFriday } = await setup();
    const incident = await recordFriday();
    const postmortem = await service.putPostmortem(
      incident,
      [entityOf(CHECKOUT)],
      { status: 'published', documentUrl: 'https://docs.acme.example/pm' },
      undefined,
      ANA,
    );
    expect(postmortem).toEqual({
      required: true,
      dueAt: '2026-11-27T23:59:59.999Z',
      status: 'published',
      documentUrl: 'https://docs.acme.example/pm',
      summary: null,
      publishedAt: at.toISOString(),
      version: 1,
      onTime: true,
    });
    expect(refresher.entitiesChanged).toHaveBeenCalledWith([CHECKOUT]);
    await expect(
      service.putPostmortem(
        incident,
        [entityOf(CHECKOUT)],
        { status: 'draft' },
        undefined,
        ANA,
      ),
    ).rejects.toMatchObject({ name: 'ConflictError' });
  });

  it("lists an entity's incidents of the last 90 days unless asked since when", async () => {
    const { service } = await setup();
    const recent = await service.create(
      { ...fridayIncident, entityRefs: [CHECKOUT, REPORTS] },
      [entityOf(CHECKOUT), entityOf(REPORTS)],
      ANA,
    );
    // 25 August is 92 days before the clock: outside the default window.
    const old = await service.create(
      {
        ...fridayIncident,
        title: 'Old outage',
        entityRefs: [REPORTS],
        startedAt: '2026-08-25T10:00:00Z',
        detectedAt: null,
        acknowledgedAt: null,
        mitigatedAt: null,
        resolvedAt: '2026-08-25T11:00:00Z',
      },
      [entityOf(REPORTS)],
      ANA,
    );
    const credentials = mockCredentials.user();
    expect(
      (await service.listForEntity(REPORTS, undefined, credentials)).map(
        i => i.id,
      ),
    ).toEqual([recent.id]);
    const all = await service.listForEntity(
      REPORTS,
      new Date('2026-08-01T00:00:00Z'),
      credentials,
    );
    expect(all.map(i => i.id)).toEqual([recent.id, old.id]);
    // The rule comes from every affected entity: checkout-api is tier-0.
    expect(all[0].postmortem).toMatchObject({
      required: true,
      dueAt: '2026-11-27T23:59:59.999Z',
    });
    expect(all[1].postmortem.required).toBe(false);
  });
});
