import { mockCredentials } from '@backstage/backend-test-utils';
import { ActionStatus } from '@reliability-suite/plugin-reliability-common';
import { createIncidentTestServices } from '../__testUtils__/incidentTestServices';
import { StoredAction } from '../database/actions/ActionStore';
import { reliabilityTestDatabases } from '../database/__testUtils__/reliabilityTestDatabases';
import { ActionService, checkActionTransition } from './ActionService';

jest.setTimeout(60_000);

const databases = reliabilityTestDatabases();
// Monday 23 November 2026, noon UTC.
const at = new Date('2026-11-23T12:00:00.000Z');
const CHECKOUT = 'component:default/checkout-api';
const REPORTS = 'component:default/reports';
const credentials = mockCredentials.user();
const ANA = 'user:default/ana';

const newAction = (overrides: object = {}) => ({
  title: 'Add a canary',
  entityRef: CHECKOUT,
  owner: 'group:default/checkout-team',
  priority: 'P1',
  dueDate: '2026-12-01',
  ...overrides,
});

describe('checkActionTransition', () => {
  it.each<[ActionStatus, ActionStatus | undefined, string | undefined]>([
    ['open', undefined, undefined],
    ['open', 'open', undefined],
    ['open', 'in-progress', undefined],
    ['in-progress', 'done', undefined],
    ['done', 'open', undefined],
    ['wont-do', 'open', undefined],
    [
      'done',
      'in-progress',
      "Invalid request body 'status': an action cannot go from done to in-progress",
    ],
    [
      'wont-do',
      'done',
      "Invalid request body 'status': an action cannot go from wont-do to done",
    ],
  ])('from %s to %s: %s', (from, to, error) => {
    let thrown: string | undefined;
    try {
      checkActionTransition({ status: from }, to);
    } catch (e) {
      thrown = (e as Error).message;
    }
    expect(thrown).toBe(error);
  });
});

describe.each(databases.ids)('ActionService on %s', databaseId => {
  async function setup() {
    const { stores, catalog, incidentService, refresher } =
      createIncidentTestServices(await databases.createStores(databaseId));
    const ownershipService = {
      groupWithDescendants: jest.fn(async (group: string) => [
        group,
        'group:default/checkout-team',
      ]),
    };
    const service = new ActionService({
      stores,
      catalog,
      incidentService,
      ownershipService,
      refresher,
      now: () => at,
    });
    return { stores, refresher, ownershipService, service };
  }

  it("creates an action only for catalog entities and owners, and refreshes its entity's row", async () => {
    const { refresher, service } = await setup();
    expect(service.today()).toBe('2026-11-23');
    await expect(
      service.create(
        newAction({ entityRef: 'component:default/ghost' }),
        credentials,
        ANA,
      ),
    ).rejects.toThrow(
      "Invalid request body 'entityRef': component:default/ghost is not in the catalog",
    );
    await expect(
      service.create(
        newAction({ owner: 'group:default/ghosts' }),
        credentials,
        ANA,
      ),
    ).rejects.toThrow(
      "Invalid request body 'owner': group:default/ghosts is not in the catalog",
    );
    await expect(
      service.create(newAction({ incidentId: '999' }), credentials, ANA),
    ).rejects.toThrow("Invalid request body 'incidentId': no incident 999");
    expect(refresher.entitiesChanged).not.toHaveBeenCalled();

    const created = await service.create(newAction(), credentials, ANA);
    expect(created).toEqual({
      id: expect.any(String),
      title: 'Add a canary',
      entityRef: CHECKOUT,
      incidentId: null,
      owner: 'group:default/checkout-team',
      priority: 'P1',
      dueDate: '2026-12-01',
      status: 'open',
      ticketUrl: null,
      version: 1,
      createdAt: at.toISOString(),
      closedAt: null,
      overdue: false,
      closedOnTime: null,
      ageDays: 0,
    });
    expect(refresher.entitiesChanged).toHaveBeenCalledWith([CHECKOUT]);
  });

  it('updates with the current version only, and closes on time', async () => {
    const { refresher, service } = await setup();
    const { id } = await service.create(newAction(), credentials, ANA);
    const action = await service.get(id);
    await expect(service.get('999')).rejects.toMatchObject({
      name: 'NotFoundError',
      message: 'No action 999',
    });
    await expect(
      service.update(
        action,
        { owner: 'group:default/ghosts' },
        1,
        credentials,
        ANA,
      ),
    ).rejects.toThrow(
      "Invalid request body 'owner': group:default/ghosts is not in the catalog",
    );
    refresher.entitiesChanged.mockClear();
    const done = await service.update(
      action,
      { status: 'done', owner: 'user:default/chen' },
      1,
      credentials,
      ANA,
    );
    expect(done).toMatchObject({
      status: 'done',
      owner: 'user:default/chen',
      version: 2,
      closedAt: at.toISOString(),
      closedOnTime: true,
    });
    expect(refresher.entitiesChanged).toHaveBeenCalledWith([CHECKOUT]);
    await expect(
      service.update(action, { status: 'open' }, 1, credentials, ANA),
    ).rejects.toMatchObject({ statusCode: 412 });
  });

  it("lists an entity's actions overdue first, then by due date", async () => {
    const { service } = await setup();
    for (const [title, dueDate] of [
      ['later', '2026-12-10'],
      ['overdue', '2026-11-20'],
      ['sooner', '2026-12-01'],
    ]) {
      await service.create(newAction({ title, dueDate }), credentials, ANA);
    }
    await service.create(newAction({ entityRef: REPORTS }), credentials, ANA);
    const listed = await service.listForEntity(CHECKOUT, undefined);
    expect(listed.map(a => [a.title, a.overdue])).toEqual([
      ['overdue', true],
      ['sooner', false],
      ['later', false],
    ]);
    expect(await service.listForEntity(CHECKOUT, 'done')).toEqual([]);
  });

  it("pages an owner group's actions, child groups included, leaving out rows the caller may not read", async () => {
    const { service, ownershipService } = await setup();
    for (const [title, entityRef, dueDate] of [
      ['a', CHECKOUT, '2026-11-20'],
      ['b', REPORTS, '2026-11-21'],
      ['c', CHECKOUT, '2026-11-30'],
      ['d', CHECKOUT, '2026-12-05'],
    ]) {
      await service.create(
        newAction({ title, entityRef, dueDate }),
        credentials,
        ANA,
      );
    }
    const readable = jest.fn(async (rows: StoredAction[]) =>
      rows.filter(r => r.entityRef !== REPORTS),
    );
    const query = {
      owner: 'group:default/commerce',
      overdue: false,
      status: undefined,
      limit: 2,
      after: undefined,
      credentials,
      readable,
    };
    const first = await service.listByOwner(query);
    expect(ownershipService.groupWithDescendants).toHaveBeenCalledWith(
      'group:default/commerce',
      credentials,
    );
    // "b" is on the page but hidden: the page shows one row, not a third.
    expect(first.items.map(a => a.title)).toEqual(['a']);
    expect(first.next).toEqual({
      dueDate: '2026-11-21',
      id: expect.any(Number),
    });
    const second = await service.listByOwner({ ...query, after: first.next });
    expect(second.items.map(a => a.title)).toEqual(['c', 'd']);
    expect(second.next).toBeUndefined();

    const overdue = await service.listByOwner({
      ...query,
      overdue: true,
      limit: 10,
    });
    expect(overdue.items.map(a => a.title)).toEqual(['a']);
  });
});
