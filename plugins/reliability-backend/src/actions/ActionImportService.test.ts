import { mockCredentials } from '@backstage/backend-test-utils';
import { DateRules, DEFAULT_PLANNING_HORIZON } from '../request/DateRules';
import { NotAllowedError } from '@backstage/errors';
import { backlogCsv } from '../__testUtils__/incidentTestBackend';
import { createIncidentTestServices } from '../__testUtils__/incidentTestServices';
import { reliabilityTestDatabases } from '../database/__testUtils__/reliabilityTestDatabases';
import { ActionImportService } from './ActionImportService';

jest.setTimeout(60_000);

const databases = reliabilityTestDatabases();
const at = new Date('2026-11-23T12:00:00.000Z');
const CHECKOUT = 'component:default/checkout-api';

const csv = backlogCsv;

describe.each(databases.ids)('ActionImportService on %s', databaseId => {
  async function setup() {
    const { stores, catalog, refresher } = createIncidentTestServices(
      await databases.createStores(databaseId),
    );
    // "Add a canary" exists on the entity already: that row is skipped.
    await stores.actions.createAction(
      {
        title: 'Add a canary',
        entityRef: CHECKOUT,
        incidentId: null,
        owner: 'user:default/chen',
        priority: 'P1',
        dueDate: '2026-12-01',
        ticketUrl: null,
      },
      'user:default/ana',
      at,
    );
    const authorize = jest.fn(async (_refs: string[]) => {});
    const caller = { credentials: mockCredentials.user(), authorize };
    const service = new ActionImportService({
      stores,
      catalog,
      refresher,
      dates: new DateRules({
        now: () => at,
        today: ms => new Date(ms).toISOString().slice(0, 10),
        horizon: DEFAULT_PLANNING_HORIZON,
      }),
    });
    const titles = async () =>
      (await stores.actions.listEntityActions(CHECKOUT))
        .map(a => a.title)
        .sort();
    return { stores, refresher, caller, authorize, service, titles };
  }

  it('reports on a dry run exactly what the real run then does', async () => {
    const { refresher, caller, authorize, service, titles, stores } =
      await setup();
    const dry = await service.dryRun(csv, caller);
    expect(dry).toEqual({
      dryRun: true,
      total: 3,
      create: 2,
      skip: 1,
      errors: [],
    });
    expect(await titles()).toEqual(['Add a canary']);
    expect(refresher.entitiesChanged).not.toHaveBeenCalled();

    const wrapWrite = jest.fn(
      async (_meta: object, write: () => Promise<void>) => write(),
    );
    const real = await service.run(csv, caller, 'user:default/ana', wrapWrite);
    expect(real).toEqual({ ...dry, dryRun: false });
    expect(wrapWrite).toHaveBeenCalledWith(
      { rows: 3, create: 2 },
      expect.any(Function),
    );
    expect(await titles()).toEqual([
      'Add a canary',
      'Imported: add dashboards',
      'Imported: retire v1, finally',
    ]);
    const imported = await stores.actions.listEntityActions(CHECKOUT);
    expect(
      imported
        .filter(a => a.title.startsWith('Imported'))
        .map(a => [a.title, a.status, a.createdAt, a.createdBy]),
    ).toEqual(
      expect.arrayContaining([
        [
          'Imported: add dashboards',
          'open',
          '2026-09-01T00:00:00.000Z',
          'user:default/ana',
        ],
        [
          'Imported: retire v1, finally',
          'in-progress',
          at.toISOString(),
          'user:default/ana',
        ],
      ]),
    );
    expect(refresher.entitiesChanged).toHaveBeenCalledWith([
      CHECKOUT,
      CHECKOUT,
    ]);
    expect(authorize).toHaveBeenCalledWith([CHECKOUT]);

    // Importing the same file again skips every row.
    expect(await service.run(csv, caller, 'user:default/ana')).toEqual({
      dryRun: false,
      total: 3,
      create: 0,
      skip: 3,
      errors: [],
    });
  });

  it('writes nothing when any row is invalid, and names each row', async () => {
    const { refresher, caller, service, titles } = await setup();
    const body = {
      actions: [
        {
          title: 'ok',
          entityRef: CHECKOUT,
          owner: 'user:default/chen',
          priority: 'P1',
          dueDate: '2027-01-01',
        },
        {
          title: 'late',
          entityRef: CHECKOUT,
          owner: 'user:default/chen',
          priority: 'P1',
          dueDate: '2026-01-01',
          createdAt: '2026-02-01',
        },
        {
          title: 'who',
          entityRef: 'component:default/ghost',
          owner: 'group:default/ghosts',
          priority: 'P1',
          dueDate: '2027-01-01',
        },
        {
          title: 'x',
          entityRef: CHECKOUT,
          owner: 'user:default/chen',
          priority: 'P1',
          dueDate: '2027-01-01',
          color: 'red',
        },
      ],
    };
    expect(await service.dryRun(body, caller)).toEqual({
      dryRun: true,
      total: 4,
      create: 2,
      skip: 0,
      errors: [
        {
          row: 2,
          field: 'dueDate',
          message: "2026-01-01 is before the action's creation (2026-02-01)",
        },
        {
          row: 3,
          field: 'entityRef',
          message: 'component:default/ghost is not in the catalog',
        },
        {
          row: 3,
          field: 'owner',
          message: 'group:default/ghosts is not in the catalog',
        },
        { row: 4, field: 'color', message: 'unknown column' },
      ],
    });
    const wrapWrite = jest.fn();
    await expect(
      service.run(body, caller, 'user:default/ana', wrapWrite),
    ).rejects.toThrow(
      "Nothing imported: row 2 'dueDate': 2026-01-01 is before the action's creation (2026-02-01); " +
        "row 3 'entityRef': component:default/ghost is not in the catalog; " +
        "row 3 'owner': group:default/ghosts is not in the catalog; " +
        "row 4 'color': unknown column",
    );
    expect(wrapWrite).not.toHaveBeenCalled();
    expect(refresher.entitiesChanged).not.toHaveBeenCalled();
    expect(await titles()).toEqual(['Add a canary']);
  });

  it('asks for permission on the entities of the valid rows, and stops when refused', async () => {
    const { caller, authorize, service, titles } = await setup();
    authorize.mockRejectedValueOnce(
      new NotAllowedError(`You are not allowed on ${CHECKOUT}`),
    );
    await expect(
      service.run(csv, caller, 'user:default/ana'),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });
    expect(await titles()).toEqual(['Add a canary']);
    // No valid row, no entity to decide on.
    authorize.mockClear();
    expect(
      await service.dryRun({ actions: [{ title: 'only' }] }, caller),
    ).toMatchObject({ total: 1, create: 0, skip: 0 });
    expect(authorize).not.toHaveBeenCalled();
  });

  it('refuses a body that is not an import, or one too large', async () => {
    const { caller, service } = await setup();
    await expect(
      service.dryRun('title\n"unterminated', caller),
    ).rejects.toThrow(
      'Invalid request body: unterminated quoted field starting on line 2',
    );
    await expect(service.dryRun({ rows: [] }, caller)).rejects.toThrow(
      "Unknown request body 'rows'",
    );
    const tooMany = Array.from({ length: 1001 }, (_, i) => ({
      title: `t${i}`,
    }));
    await expect(
      service.dryRun({ actions: tooMany }, caller),
    ).rejects.toMatchObject({
      name: 'PayloadTooLargeError',
      message: 'An import holds at most 1000 actions; this one has 1001',
    });
  });
});
