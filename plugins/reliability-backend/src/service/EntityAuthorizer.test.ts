import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  reliabilityBudgetExceptionApprovePermission,
  reliabilityEntityReadPermission,
  reliabilityReadinessApprovePermission,
} from '@reliability-suite/plugin-reliability-common';
import { EntityAuthorizer } from './EntityAuthorizer';

function authorizer() {
  const permissions = mockServices.permissions.mock();
  permissions.authorize.mockImplementation(async requests =>
    requests.map(() => ({ result: AuthorizeResult.ALLOW })),
  );
  return {
    permissions,
    authorizer: new EntityAuthorizer({
      httpAuth: mockServices.httpAuth(),
      permissions,
      catalog: catalogServiceMock(),
      logger: mockServices.logger.mock(),
    }),
  };
}

const ref = 'component:default/checkout';

describe('EntityAuthorizer', () => {
  it.each([
    reliabilityBudgetExceptionApprovePermission,
    reliabilityReadinessApprovePermission,
  ])(
    'refuses $name to service credentials, whatever the policy says',
    async permission => {
      const { authorizer: entities, permissions } = authorizer();
      for (const credentials of [
        mockCredentials.service('external:reliability-api-token'),
        mockCredentials.service('plugin:catalog'),
      ]) {
        await expect(
          entities.require(credentials, permission, ref),
        ).rejects.toThrow(
          `'${permission.name}' is a person's decision: service credentials (an API token, another plugin) cannot approve`,
        );
        await expect(
          entities.requireEach(credentials, [ref], permission),
        ).rejects.toMatchObject({ name: 'NotAllowedError' });
      }
      // Refused before the policy is asked.
      expect(permissions.authorize).not.toHaveBeenCalled();
    },
  );

  it('asks the policy for a person, and for a service on other permissions', async () => {
    const { authorizer: entities, permissions } = authorizer();
    await entities.require(
      mockCredentials.user('user:default/gita'),
      reliabilityReadinessApprovePermission,
      ref,
    );
    await entities.require(
      mockCredentials.service('external:reliability-api-token'),
      reliabilityEntityReadPermission,
      ref,
    );
    expect(permissions.authorize).toHaveBeenCalledTimes(2);
  });
});
