import { mockServices } from '@backstage/backend-test-utils';
import { SloDefinition } from '@reliability-suite/plugin-reliability-common';
import { reliabilityTestDatabases } from '../database/__testUtils__/reliabilityTestDatabases';
import { SloDefinitionService } from './SloDefinitionService';
import { SloService } from './SloService';

jest.setTimeout(60_000);

const databases = reliabilityTestDatabases();
const entityRef = 'component:default/checkout';
const at = new Date('2026-11-23T12:00:00.000Z');
const definition: SloDefinition = {
  name: 'availability',
  displayName: 'Checkout availability',
  target: 0.99,
  timeWindow: { kind: 'rolling', duration: '28d' },
  budgetingMethod: 'Occurrences',
};

describe.each(databases.ids)('SloDefinitionService on %s', databaseId => {
  async function setup() {
    const stores = await databases.createStores(databaseId);
    const refresher = {
      entitiesChanged: jest.fn(async () => {}),
      sloStatusesChanged: jest.fn(async () => {}),
    };
    const service = new SloDefinitionService({
      store: stores.slos,
      sloService: new SloService({
        stores,
        logger: mockServices.logger.mock(),
      }),
      refresher,
    });
    return { stores, refresher, service };
  }

  it('creates an API SLO with its status, then replaces it at its version', async () => {
    const { stores, refresher, service } = await setup();
    const created = await service.putApiSlo({
      entityRef,
      definition,
      actor: 'user:default/ana',
      at,
    });
    expect(created).toMatchObject({
      created: true,
      slo: { name: 'availability', source: 'api', version: 1 },
      status: { status: 'no-data', total: 0 },
    });
    // The status is stored with the SLO, for lists.
    expect((await service.listSlos(entityRef)).items).toEqual([
      {
        name: 'availability',
        displayName: 'Checkout availability',
        source: 'api',
        version: 1,
        definition,
        status: created.status,
      },
    ]);
    const replaced = await service.putApiSlo({
      entityRef,
      definition: { ...definition, target: 0.995 },
      expectedVersion: 1,
      actor: 'user:default/ana',
      at,
    });
    expect(replaced).toMatchObject({ created: false, slo: { version: 2 } });
    expect(
      (await stores.slos.getSlo(entityRef, 'availability'))?.definition.target,
    ).toBe(0.995);
    expect(refresher.entitiesChanged.mock.calls).toEqual([
      [[entityRef]],
      [[entityRef]],
    ]);
  });

  it('finds an SLO by name, or says which is missing', async () => {
    const { service } = await setup();
    await service.putApiSlo({ entityRef, definition, actor: 'a', at });
    expect((await service.getSlo(entityRef, 'availability')).name).toBe(
      'availability',
    );
    await expect(service.getSlo(entityRef, 'latency')).rejects.toThrow(
      `No SLO 'latency' for ${entityRef}`,
    );
  });

  it("ingests measurements and refreshes only the entity's SLO columns", async () => {
    const { refresher, service } = await setup();
    const { slo } = await service.putApiSlo({
      entityRef,
      definition,
      actor: 'a',
      at,
    });
    refresher.entitiesChanged.mockClear();
    const result = await service.ingest(
      slo,
      [
        { timestamp: '2026-11-23T11:58:10Z', good: 495, total: 500 },
        { timestamp: '2026-11-23T11:59:10Z', good: 500, total: 500 },
      ],
      at,
    );
    // 995 of 1000 good against 99 %: half of the 10 allowed bad events.
    expect(result).toMatchObject({
      points: 2,
      buckets: 2,
      status: { good: 995, total: 1000, attainment: 0.995 },
    });
    expect(result.status.errorBudget.remaining).toBeCloseTo(0.5, 9);
    expect(refresher.sloStatusesChanged.mock.calls).toEqual([[entityRef]]);
    expect(refresher.entitiesChanged).not.toHaveBeenCalled();
  });

  it('grants a budget exception for at most 30 days from now', async () => {
    const { refresher, service } = await setup();
    const grant = (expiresAt: string) =>
      service.createBudgetException({
        entityRef,
        reason: 'Black Friday fix must ship',
        expiresAt,
        actor: 'user:default/sre',
        at,
      });
    await expect(grant('2026-11-23T11:59:59Z')).rejects.toThrow(
      "Invalid request body 'expiresAt': must be in the future",
    );
    // 30 days and one second.
    await expect(grant('2026-12-23T12:00:01Z')).rejects.toThrow(
      "Invalid request body 'expiresAt': an exception lasts at most 30 days",
    );
    expect(await service.listBudgetExceptions(entityRef)).toEqual([]);
    expect(refresher.entitiesChanged).not.toHaveBeenCalled();

    const exception = await grant('2026-12-23T12:00:00Z');
    expect(exception).toEqual({
      id: expect.any(Number),
      entityRef,
      reason: 'Black Friday fix must ship',
      startsAt: '2026-11-23T12:00:00.000Z',
      endsAt: '2026-12-23T12:00:00.000Z',
      approvedBy: 'user:default/sre',
      createdAt: '2026-11-23T12:00:00.000Z',
    });
    expect(await service.listBudgetExceptions(entityRef)).toEqual([exception]);
    expect(refresher.entitiesChanged.mock.calls).toEqual([[[entityRef]]]);
  });
});
