import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';

/**
 * The demo portal's permission policy.
 *
 * Reliability data: every signed-in user may read it; anything else the
 * reliability plugin asks about is denied until a rule here allows it
 * (owner-scoped writes and the SRE approver group come with the features
 * that write). Other plugins' permissions are allowed, as in a demo portal.
 */
export class DemoPermissionPolicy implements PermissionPolicy {
  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    if (permission.name.startsWith('reliability.')) {
      if (user && permission.attributes.action === 'read') {
        return { result: AuthorizeResult.ALLOW };
      }
      return { result: AuthorizeResult.DENY };
    }
    return { result: AuthorizeResult.ALLOW };
  }
}
