import { mockCredentials } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  reliabilityBudgetExceptionApprovePermission,
  reliabilityEntityReadPermission,
  reliabilityOncallManagePermission,
  reliabilitySloIngestPermission,
  reliabilitySloManagePermission,
  reliabilityTierPolicyReadPermission,
} from '@reliability-suite/plugin-reliability-common';
import { DemoPermissionPolicy } from './DemoPermissionPolicy';

const userWith = (
  ref: string,
  ownershipEntityRefs: string[],
): PolicyQueryUser => ({
  credentials: mockCredentials.user(ref),
  info: { userEntityRef: ref, ownershipEntityRefs },
});

const ana = userWith('user:default/ana', [
  'user:default/ana',
  'group:default/payments',
]);
const gita = userWith('user:default/gita', [
  'user:default/gita',
  'group:default/sre',
]);

describe('DemoPermissionPolicy', () => {
  const policy = new DemoPermissionPolicy();

  it.each([
    reliabilityEntityReadPermission,
    reliabilityTierPolicyReadPermission,
  ])('lets signed-in users use %s', async permission => {
    await expect(policy.handle({ permission }, ana)).resolves.toEqual({
      result: AuthorizeResult.ALLOW,
    });
  });

  it('denies reliability reads without a user', async () => {
    await expect(
      policy.handle({ permission: reliabilityEntityReadPermission }),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
  });

  it.each([reliabilitySloManagePermission, reliabilitySloIngestPermission])(
    'leaves %s to the catalog: owners only',
    async permission => {
      await expect(policy.handle({ permission }, ana)).resolves.toEqual({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'catalog',
        resourceType: 'catalog-entity',
        conditions: {
          rule: 'IS_ENTITY_OWNER',
          resourceType: 'catalog-entity',
          params: { claims: ['user:default/ana', 'group:default/payments'] },
        },
      });
    },
  );

  it('leaves rotations to the reliability plugin: team members only', async () => {
    await expect(
      policy.handle({ permission: reliabilityOncallManagePermission }, ana),
    ).resolves.toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'reliability',
      resourceType: 'reliability-rotation',
      conditions: {
        rule: 'IS_ROTATION_TEAM_MEMBER',
        resourceType: 'reliability-rotation',
        params: { claims: ['user:default/ana', 'group:default/payments'] },
      },
    });
    await expect(
      policy.handle({ permission: reliabilityOncallManagePermission }, gita),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('lets only the approver group approve budget exceptions', async () => {
    const permission = reliabilityBudgetExceptionApprovePermission;
    await expect(policy.handle({ permission }, ana)).resolves.toEqual({
      result: AuthorizeResult.DENY,
    });
    await expect(policy.handle({ permission }, gita)).resolves.toEqual({
      result: AuthorizeResult.ALLOW,
    });
    await expect(
      new DemoPermissionPolicy('group:default/payments').handle(
        { permission },
        ana,
      ),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('lets the approver group manage any SLO', async () => {
    await expect(
      policy.handle({ permission: reliabilitySloManagePermission }, gita),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
  });

  it("allows other plugins' permissions", async () => {
    const catalogRead = createPermission({
      name: 'catalog.entity.read',
      attributes: { action: 'read' },
    });
    await expect(
      policy.handle({ permission: catalogRead }, ana),
    ).resolves.toEqual({
      result: AuthorizeResult.ALLOW,
    });
  });
});
