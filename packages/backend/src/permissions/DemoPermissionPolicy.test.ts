import { mockCredentials } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  reliabilityEntityReadPermission,
  reliabilityTierPolicyReadPermission,
} from '@reliability-suite/plugin-reliability-common';
import { DemoPermissionPolicy } from './DemoPermissionPolicy';

const user: PolicyQueryUser = {
  credentials: mockCredentials.user('user:default/ana'),
  info: { userEntityRef: 'user:default/ana', ownershipEntityRefs: [] },
};

describe('DemoPermissionPolicy', () => {
  const policy = new DemoPermissionPolicy();

  it.each([
    reliabilityEntityReadPermission,
    reliabilityTierPolicyReadPermission,
  ])('lets signed-in users use %s', async permission => {
    await expect(policy.handle({ permission }, user)).resolves.toEqual({
      result: AuthorizeResult.ALLOW,
    });
  });

  it('denies reliability reads without a user', async () => {
    await expect(
      policy.handle({ permission: reliabilityEntityReadPermission }),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
  });

  it('denies reliability writes it has no rule for', async () => {
    const write = createPermission({
      name: 'reliability.slo.manage',
      attributes: { action: 'update' },
    });
    await expect(policy.handle({ permission: write }, user)).resolves.toEqual({
      result: AuthorizeResult.DENY,
    });
  });

  it("allows other plugins' permissions", async () => {
    const catalogRead = createPermission({
      name: 'catalog.entity.read',
      attributes: { action: 'read' },
    });
    await expect(
      policy.handle({ permission: catalogRead }, user),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
  });
});
