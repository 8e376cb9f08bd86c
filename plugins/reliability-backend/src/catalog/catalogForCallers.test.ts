import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { catalogForCallers } from './catalogForCallers';

describe('catalogForCallers', () => {
  it("reads with the plugin's own credentials for a service, with the user's for a user", async () => {
    const catalog = catalogServiceMock.mock();
    catalog.getEntityByRef.mockResolvedValue(undefined);
    const auth = mockServices.auth({ pluginId: 'reliability' });
    const own = await auth.getOwnServiceCredentials();
    const wrapped = await catalogForCallers(catalog, auth);

    const token = mockCredentials.service('external:reliability-api-token', {
      permissionNames: ['reliability.entity.read'],
    });
    await wrapped.getEntityByRef('component:default/a', {
      credentials: token,
    });
    expect(catalog.getEntityByRef).toHaveBeenLastCalledWith(
      'component:default/a',
      { credentials: own },
    );

    const user = mockCredentials.user('user:default/ana');
    await wrapped.getEntityByRef('component:default/a', { credentials: user });
    expect(catalog.getEntityByRef).toHaveBeenLastCalledWith(
      'component:default/a',
      { credentials: user },
    );
  });
});
