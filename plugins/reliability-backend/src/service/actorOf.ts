import { BackstageCredentials } from '@backstage/backend-plugin-api';

/**
 * Who acts, for audit and `updated_by`: a user ref, or `service:<subject>`
 * for service principals (static tokens, other plugins).
 *
 * @internal
 */
export function actorOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (principal.type === 'user' && principal.userEntityRef) {
    return principal.userEntityRef;
  }
  return `service:${principal.subject ?? 'unknown'}`;
}
