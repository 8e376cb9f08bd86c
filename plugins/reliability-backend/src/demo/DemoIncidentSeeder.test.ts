import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  actionAgeDays,
  isActionOverdue,
} from '@reliability-suite/plugin-reliability-common';
import { createReliabilityStores } from '../database/ReliabilityStores';
import { seedDemoIncidents } from './DemoIncidentSeeder';

jest.setTimeout(60_000);
const databases = TestDatabases.create({
  ids: ['SQLITE_3'],
  disableDocker: true,
});

describe('seedDemoIncidents', () => {
  it('writes incidents, postmortems and actions of every kind, once', async () => {
    const knex = await databases.init('SQLITE_3');
    const stores = await createReliabilityStores({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    const now = new Date('2026-11-23T12:00:00Z');
    const seed = () =>
      seedDemoIncidents({
        stores,
        logger: mockServices.logger.mock(),
        now,
        hasIncidents: () => stores.incidents.hasAnyIncident(),
      });
    await expect(seed()).resolves.toBe(6);
    await expect(seed()).resolves.toBe(0);

    const checkout = await stores.incidents.listIncidents(
      'component:default/checkout-api',
      new Date('2026-08-01T00:00:00Z'),
    );
    expect(checkout.map(i => i.severity)).toEqual(['SEV2', 'SEV0']);
    const postmortems = await stores.incidents.getPostmortems(
      checkout.map(i => i.id),
    );
    expect(postmortems.get(checkout[1].id)).toMatchObject({
      status: 'published',
    });
    expect(postmortems.get(checkout[0].id)).toBeUndefined();

    const psp = await stores.actions.listEntityActions(
      'component:default/payment-gateway',
    );
    expect(psp).toHaveLength(1);
    expect(actionAgeDays(psp[0], now.getTime())).toBe(74);
    expect(isActionOverdue(psp[0], now.getTime(), { timeZone: 'UTC' })).toBe(
      true,
    );
    const statuses = (
      await stores.actions.listEntityActions('component:default/checkout-api')
    )
      .map(a => a.status)
      .sort();
    expect(statuses).toEqual(['done', 'open', 'open']);
  });
});
